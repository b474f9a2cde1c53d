// actions/upload-artifact and actions/download-artifact (v4 and later: immutable artifacts), emulated
// with their documented inputs and their sources' rules: names unique within a run across attempts
// unless `overwrite: true` deletes the old one, the characters a name or a path may not hold,
// `path` as @actions/glob lines (searched from the workspace, hidden files left out unless asked),
// the artifact's root as the least common ancestor of the search paths, `if-no-files-found`,
// download by name, ids or pattern, `merge-multiple`, and a lone match downloaded straight into
// `path`. Artifacts are the run's, whatever attempt uploaded them; with `github-token` and `run-id`
// the download goes through the REST API (the fake's, so those requests are checked and counted).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import { Minimatch } from 'minimatch';
import { ActionFailure, booleanInput, type ActionStep, type EmulatedAction } from './action-step.js';
import type { ArtifactRecord } from './github-state.js';

const INVALID_PATH_CHARACTERS: [string, string][] = [
  ['"', ' Double quote "'],
  [':', ' Colon :'],
  ['<', ' Less than <'],
  ['>', ' Greater than >'],
  ['|', ' Vertical bar |'],
  ['*', ' Asterisk *'],
  ['?', ' Question mark ?'],
  ['\r', ' Carriage return \\r'],
  ['\n', ' Line feed \\n'],
];
const INVALID_NAME_CHARACTERS: [string, string][] = [
  ...INVALID_PATH_CHARACTERS,
  ['\\', ' Backslash \\'],
  ['/', ' Forward slash /'],
];

/** @actions/artifact's check of a name: the characters NTFS refuses are refused everywhere. */
export function validateArtifactName(name: string): void {
  if (!name) throw new ActionFailure('Provided artifact name input during validation is empty');
  for (const [character, description] of INVALID_NAME_CHARACTERS) {
    if (name.includes(character))
      throw new ActionFailure(
        `The artifact name is not valid: ${name}. Contains the following character: ${description}`,
      );
  }
}

function validateFilePath(path: string): void {
  for (const [character, description] of INVALID_PATH_CHARACTERS) {
    if (path.includes(character))
      throw new ActionFailure(
        `The path for one of the files in artifact is not valid: ${path}. Contains the following character: ${description}`,
      );
  }
}

/** What downloading an artifact gives: its zip, or the file itself for one uploaded with `archive: false`. */
export function artifactBytes(artifact: ArtifactRecord): Buffer {
  return artifact.archived ? zipArtifact(artifact.files) : [...artifact.files.values()][0]!;
}

/** GitHub's limit of artifacts one job may upload. */
export const ARTIFACTS_PER_JOB = 500;

/** A zip as @actions/artifact makes it (entries sorted, fixed times: the same files give the same digest). */
export function zipArtifact(files: Map<string, Buffer>): Buffer {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    entries[path] = [new Uint8Array(data), { mtime: new Date('2020-01-01T00:00:00Z') }];
  return Buffer.from(zipSync(entries));
}

const globModule = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'node_modules',
  '@actions',
  'glob',
  'lib',
  'glob.js',
);

/**
 * upload-artifact's search (src/shared/search.ts), run with @actions/glob in a process whose working
 * folder is the workspace, as the action runs: relative patterns, `~` and `!` exclusions all mean
 * what they mean there.
 */
function findFilesToUpload(
  step: ActionStep,
  searchPath: string,
  includeHidden: boolean,
): { files: string[]; root: string } {
  const script = `
import * as glob from ${JSON.stringify(globModule)};
import { statSync } from 'node:fs';
import * as path from 'node:path';
const globber = await glob.create(process.env.SEARCH, { followSymbolicLinks: true, implicitDescendants: true, omitBrokenSymbolicLinks: true, excludeHiddenFiles: process.env.HIDDEN !== 'true' });
const files = (await globber.glob()).filter((f) => !statSync(f).isDirectory());
const searchPaths = globber.getSearchPaths();
let root;
if (searchPaths.length > 1) {
  const split = searchPaths.map((p) => path.normalize(p).split(path.sep));
  const common = searchPaths[0].startsWith(path.sep) ? [path.sep] : [];
  for (let i = 0; i < Math.min(...split.map((s) => s.length)); i++) {
    if (split.some((s) => s[i] !== split[0][i])) break;
    common.push(split[0][i]);
  }
  root = path.join(...common);
} else if (files.length === 1 && searchPaths[0] === files[0]) root = path.dirname(files[0]);
else root = searchPaths[0];
process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ files, root }) + '\\n');
`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: step.workspace,
    env: { PATH: step.env.PATH ?? '', HOME: step.home, SEARCH: searchPath, HIDDEN: String(includeHidden) },
    encoding: 'utf8',
  });
  const result = out.split('\n').find((line) => line.startsWith('@@RESULT@@'));
  if (!result) throw new Error(`upload-artifact search printed no result:\n${out}`);
  return JSON.parse(result.slice('@@RESULT@@'.length)) as { files: string[]; root: string };
}

export const uploadArtifact: EmulatedAction = {
  inputs: {
    name: 'artifact',
    path: undefined,
    'if-no-files-found': 'warn',
    'retention-days': '0',
    'compression-level': '6',
    overwrite: 'false',
    'include-hidden-files': 'false',
    archive: 'true',
  },
  async run(step) {
    const name = step.inputs.name ?? 'artifact';
    const searchPath = step.inputs.path ?? '';
    if (!searchPath.trim()) throw new ActionFailure('Input required and not supplied: path');
    const overwrite = booleanInput(step.inputs, 'overwrite');
    const includeHidden = booleanInput(step.inputs, 'include-hidden-files');
    const archive = booleanInput(step.inputs, 'archive');
    const ifNoFilesFound = step.inputs['if-no-files-found'] ?? 'warn';
    if (!['warn', 'error', 'ignore'].includes(ifNoFilesFound))
      throw new ActionFailure(
        `Unrecognized if-no-files-found input. Provided: ${ifNoFilesFound}. Available options: warn,error,ignore`,
      );
    for (const [input, low, high] of [
      ['retention-days', 0, 90],
      ['compression-level', 0, 9],
    ] as const) {
      const value = step.inputs[input];
      if (value !== undefined && value !== '' && (!/^\d+$/.test(value) || Number(value) < low || Number(value) > high))
        throw new ActionFailure(`Invalid ${input}`);
    }

    const { files, root } = findFilesToUpload(step, searchPath, includeHidden);
    if (files.length === 0) {
      const message = `No files were found with the provided path: ${searchPath}. No artifacts will be uploaded.`;
      if (ifNoFilesFound === 'error') throw new ActionFailure(message);
      if (ifNoFilesFound === 'warn') step.annotate({ level: 'warning', message });
      else step.info(message);
      return;
    }
    if (!archive && files.length !== 1)
      throw new ActionFailure(
        `When 'archive' is set to false, only a single file can be uploaded. Found ${files.length} files to upload.`,
      );
    validateArtifactName(name);
    const contents = new Map<string, Buffer>();
    for (const file of files) {
      if (!statSync(file, { throwIfNoEntry: false })) throw new ActionFailure(`File ${file} does not exist`);
      const resolvedRoot = resolve(root);
      if (!resolve(file).startsWith(resolvedRoot))
        throw new ActionFailure(`The rootDirectory: ${resolvedRoot} is not a parent directory of the file: ${file}`);
      const inside = resolve(file).slice(resolvedRoot.length).split(sep).join('/');
      validateFilePath(inside);
      contents.set(inside.replace(/^\/+/, ''), readFileSync(file));
    }

    const existing = step.state.artifacts.find((a) => a.runId === step.runId && a.name === name);
    if (existing && overwrite) step.state.artifacts.splice(step.state.artifacts.indexOf(existing), 1);
    else if (existing)
      throw new ActionFailure(
        'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
      );
    const uploaded = step.uploadsByJob.get(step.jobId) ?? 0;
    if (uploaded >= ARTIFACTS_PER_JOB)
      throw new ActionFailure(`Failed to CreateArtifact: a job may upload at most ${ARTIFACTS_PER_JOB} artifacts`);
    step.uploadsByJob.set(step.jobId, uploaded + 1);

    const zip = archive ? zipArtifact(contents) : [...contents.values()][0]!;
    const now = step.state.clock.now();
    const retention = Number(step.inputs['retention-days'] || 90) || 90;
    const artifact: ArtifactRecord = {
      id: step.state.nextId(),
      name,
      runId: step.runId,
      attempt: step.attempt,
      jobId: step.jobId,
      files: contents,
      sizeInBytes: zip.length,
      digest: createHash('sha256').update(zip).digest('hex'),
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + retention * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      archived: archive,
    };
    step.state.artifacts.push(artifact);
    step.info(
      `Artifact ${name} has been successfully uploaded! Final size is ${zip.length} bytes. Artifact ID is ${artifact.id}`,
    );
    step.setOutput('artifact-id', String(artifact.id));
    step.setOutput(
      'artifact-url',
      `https://github.com/${String(step.github.repository)}/actions/runs/${step.runId}/artifacts/${artifact.id}`,
    );
    step.setOutput('artifact-digest', artifact.digest);
  },
};

/** Newest first, one per name: what `listArtifacts({ latest: true })` gives. */
function latest(artifacts: ArtifactRecord[]): ArtifactRecord[] {
  const seen = new Set<string>();
  return [...artifacts].sort((a, b) => b.id - a.id).filter((a) => !seen.has(a.name) && seen.add(a.name) !== undefined);
}

function writeFiles(into: string, files: Map<string, Buffer>): void {
  for (const [path, data] of files) {
    const target = join(into, path);
    if (relative(into, target).startsWith('..') || isAbsolute(relative(into, target)))
      throw new ActionFailure(`artifact entry ${path} would be written outside ${into}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}

/** Lists another run's artifacts through the REST API with the token given, as the action does then. */
async function listThroughApi(
  step: ActionStep,
  token: string,
  repository: string,
  runId: number,
): Promise<{ id: number; name: string }[]> {
  const found: { id: number; name: string }[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(
      `${step.api.url}/repos/${repository}/actions/runs/${runId}/artifacts?per_page=100&page=${page}`,
      {
        headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' },
      },
    );
    if (!response.ok)
      throw new ActionFailure(`Unable to download artifact(s): listing artifacts answered ${response.status}`);
    const body = (await response.json()) as { total_count: number; artifacts: { id: number; name: string }[] };
    found.push(...body.artifacts);
    if (body.artifacts.length < 100 || found.length >= body.total_count) break;
  }
  const seen = new Set<string>();
  return found.sort((a, b) => b.id - a.id).filter((a) => !seen.has(a.name) && seen.add(a.name) !== undefined);
}

async function downloadThroughApi(
  step: ActionStep,
  token: string,
  repository: string,
  id: number,
): Promise<Map<string, Buffer>> {
  const response = await fetch(`${step.api.url}/repos/${repository}/actions/artifacts/${id}/zip`, {
    headers: { authorization: `token ${token}` },
    redirect: 'follow',
  });
  if (!response.ok) throw new ActionFailure(`Unable to download artifact(s): download answered ${response.status}`);
  const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return new Map(
    Object.entries(entries)
      .filter(([path]) => !path.endsWith('/'))
      .map(([path, data]) => [path, Buffer.from(data)]),
  );
}

export const downloadArtifact: EmulatedAction = {
  inputs: {
    name: '',
    'artifact-ids': '',
    path: '',
    pattern: '',
    'merge-multiple': 'false',
    'github-token': '',
    repository: '${{ github.repository }}',
    'run-id': '${{ github.run_id }}',
  },
  async run(step) {
    const name = step.inputs.name ?? '';
    const ids = step.inputs['artifact-ids'] ?? '';
    const mergeMultiple = booleanInput(step.inputs, 'merge-multiple');
    let path = step.inputs.path || step.workspace;
    if (path.startsWith('~')) path = path.replace('~', step.home);
    const resolvedPath = resolve(step.workspace, path);
    if (name && ids)
      throw new ActionFailure("Inputs 'name' and 'artifact-ids' cannot be used together. Please specify only one.");
    const token = step.inputs['github-token'] ?? '';
    const repository = step.inputs.repository ?? '';
    const runId = Number.parseInt(step.inputs['run-id'] ?? '', 10);

    let available: { id: number; name: string }[];
    if (token) {
      const [owner, repo] = repository.split('/');
      if (!owner || !repo) throw new ActionFailure(`Invalid repository: '${repository}'. Must be in format owner/repo`);
      if (!Number.isFinite(runId) || runId <= 0)
        throw new ActionFailure(
          `Input 'run-id' must be a positive integer when 'github-token' is provided. Received '${step.inputs['run-id']}'.`,
        );
      available = await listThroughApi(step, token, repository, runId);
    } else {
      available = latest(step.state.artifacts.filter((a) => a.runId === step.runId));
    }

    let chosen: { id: number; name: string }[];
    if (name) {
      const found = available.find((a) => a.name === name);
      if (!found) throw new ActionFailure(`Unable to download artifact(s): Artifact '${name}' not found`);
      chosen = [found];
    } else if (ids) {
      const wanted = ids
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (wanted.length === 0) throw new ActionFailure("No valid artifact IDs provided in 'artifact-ids' input");
      const numbers = wanted.map((id) => {
        if (Number.isNaN(Number.parseInt(id, 10)))
          throw new ActionFailure(`Invalid artifact ID: '${id}'. Must be a number.`);
        return Number.parseInt(id, 10);
      });
      chosen = available.filter((a) => numbers.includes(a.id));
      if (chosen.length === 0)
        throw new ActionFailure('Unable to download artifact(s): None of the provided artifact IDs were found');
      const missing = numbers.filter((id) => !chosen.some((a) => a.id === id));
      if (missing.length)
        step.annotate({
          level: 'warning',
          message: `Could not find the following artifact IDs: ${missing.join(', ')}`,
        });
    } else if (step.inputs.pattern) {
      const matcher = new Minimatch(step.inputs.pattern);
      chosen = available.filter((a) => matcher.match(a.name));
    } else chosen = available;

    for (const artifact of chosen) {
      const into = name || mergeMultiple || chosen.length === 1 ? resolvedPath : join(resolvedPath, artifact.name);
      const files = token
        ? await downloadThroughApi(step, token, repository, artifact.id)
        : step.state.artifacts.find((a) => a.id === artifact.id)!.files;
      mkdirSync(into, { recursive: true });
      writeFiles(into, files);
    }
    step.info(`Total of ${chosen.length} artifact(s) downloaded`);
    step.setOutput('download-path', resolvedPath);
  },
};
