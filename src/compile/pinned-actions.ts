/**
 * The actions a compiled workflow uses, each pinned by a full commit SHA (a tag can be moved to
 * other code; a commit cannot), with the version the SHA is, for the `# vX` comment beside it.
 * Pins change only by hand, after reading the action's release: update `sha` and `version`
 * together. The offline GitHub harness (test/github/harness.ts) reads its pins from this file, so
 * it emulates exactly these versions.
 */

export interface PinnedAction {
  /** `owner/repo@<40 hex>`: what `uses:` says. */
  uses: string;
  /** The release the SHA is, written as a comment after `uses:`. */
  version: string;
}

export const CHECKOUT: PinnedAction = {
  uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8',
  version: 'v5.0.0',
};

export const UPLOAD_ARTIFACT: PinnedAction = {
  uses: 'actions/upload-artifact@330a01c490aca151604b8cf639adc76d48f6c5d4',
  version: 'v5.0.0',
};

export const DOWNLOAD_ARTIFACT: PinnedAction = {
  uses: 'actions/download-artifact@634f93cb2916e3fdff6788551b99b062d0335ce0',
  version: 'v5.0.0',
};

/**
 * dagline's own action (this repository's action.yml), as compiled workflows use it unless
 * `dagline compile --action OWNER/REPO@SHA` names another. The compiler and the action of one
 * release belong together (the compiled jobs give the inputs that action reads), so a release
 * sets this pin: tag the release commit `vX.Y.Z`, then set `uses` to `dagline/dagline@<that
 * commit's SHA>` and `version` to `vX.Y.Z` in a commit of its own (a commit cannot hold its own
 * SHA), rebuild dist/ and publish the package from that commit (docs/github.md, "Releasing").
 * Until the first release it names the commit of main the compiler was written against.
 */
export const DAGLINE_ACTION: PinnedAction = {
  uses: 'dagline/dagline@9aa144fc6784d8111f94fbd56bac680fc278e67e',
  version: 'unreleased',
};

/** `owner/repo@<40 lowercase hex>`, the only form of `uses:` a compiled workflow holds. */
export const PINNED_USES = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+@[0-9a-f]{40}$/;
