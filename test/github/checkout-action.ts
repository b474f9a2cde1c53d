// actions/checkout, emulated: a fresh git clone of the repository at the event's commit (or `ref`)
// into the workspace, with `fetch-depth` commits of history, and the job's token written into the
// clone's git config when `persist-credentials` is true (the default), where any later step can read
// it, as the real action leaves it. Inputs the emulation cannot honour offline fail the step.
import { resolve, sep } from 'node:path';
import { ActionFailure, booleanInput, type EmulatedAction } from './action-step.js';
import { grants } from './permissions.js';
import { checkoutInto, fullRef, git, resolveCommit } from './repository.js';

export const checkout: EmulatedAction = {
  inputs: {
    repository: '${{ github.repository }}',
    ref: '',
    token: '${{ github.token }}',
    'ssh-key': '',
    'ssh-known-hosts': '',
    'ssh-strict': 'true',
    'ssh-user': 'git',
    'persist-credentials': 'true',
    path: '',
    clean: 'true',
    filter: '',
    'sparse-checkout': '',
    'sparse-checkout-cone-mode': 'true',
    'fetch-depth': '1',
    'fetch-tags': 'false',
    'show-progress': 'true',
    lfs: 'false',
    submodules: 'false',
    'set-safe-directory': 'true',
    'github-server-url': '',
  },
  async run(step) {
    const repository = step.inputs.repository ?? '';
    if (repository.toLowerCase() !== String(step.github.repository).toLowerCase())
      throw new ActionFailure(
        `checkout of ${repository}: only the workflow's own repository can be checked out offline`,
      );
    for (const input of ['ssh-key', 'filter', 'sparse-checkout', 'github-server-url'] as const) {
      if (step.inputs[input]) throw new ActionFailure(`checkout input ${input} is not emulated`);
    }
    if (booleanInput(step.inputs, 'lfs')) throw new ActionFailure('checkout input lfs is not emulated');
    if ((step.inputs.submodules ?? 'false') !== 'false')
      throw new ActionFailure('checkout input submodules is not emulated');
    const persist = booleanInput(step.inputs, 'persist-credentials');
    const fetchTags = booleanInput(step.inputs, 'fetch-tags');
    const depthText = step.inputs['fetch-depth'] ?? '1';
    if (!/^\d+$/.test(depthText)) throw new ActionFailure(`Invalid fetch-depth '${depthText}'`);

    // The token must be able to read the repository, as git's fetch over https needs it to.
    const grant = step.tokens.get(step.inputs.token ?? '');
    if (!grant || grant.expired || !grants(grant.permissions, ['contents'], 'read'))
      throw new ActionFailure(
        "The process '/usr/bin/git' failed with exit code 128: remote: Repository not found (the token given to checkout cannot read contents)",
      );

    let sha = String(step.github.sha);
    let ref = String(step.github.ref);
    const wanted = step.inputs.ref ?? '';
    if (wanted) {
      const asRef = fullRef(step.repoDir, wanted);
      const commit = asRef ? resolveCommit(step.repoDir, asRef) : resolveCommit(step.repoDir, wanted);
      if (!commit) throw new ActionFailure(`A branch or tag with the name '${wanted}' could not be found`);
      sha = commit;
      ref = asRef ?? sha;
    }

    const target = resolve(step.workspace, step.inputs.path ?? '');
    if (target !== step.workspace && !target.startsWith(step.workspace + sep))
      throw new ActionFailure(`Repository path '${target}' is not under '${step.workspace}'`);
    checkoutInto(step.repoDir, target, {
      sha,
      ref,
      fetchDepth: Number(depthText),
      fetchTags,
      remoteUrl: `https://github.com/${repository}`,
    });
    if (persist) {
      const basic = Buffer.from(`x-access-token:${step.inputs.token}`).toString('base64');
      git(target, ['config', '--local', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${basic}`]);
    }
    step.setOutput('ref', ref);
    step.setOutput('commit', sha);
  },
};
