// Runs the native CLI and returns its JSON, or its exit status and stderr.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './load.js';

export const cliPath = path.join(root, 'build/native/incrementa');

export function cli(args) {
  const r = spawnSync(cliPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stderr: r.stderr, json: r.status === 0 && r.stdout.trim() ? JSON.parse(r.stdout) : null, stdout: r.stdout };
}
