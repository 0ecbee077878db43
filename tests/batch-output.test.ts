import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errnoOf, inputError, outputError } from '../dist/batch/fs-errors.js';
import { LOCK_NAME, OutputFile } from '../dist/batch/output.js';
import { KehoachError, runBatch } from '../dist/index.js';
import { batchCli, canRunAsNobody, cli, deadPid, fixtures, inputFolder, isRoot, manifestOf, scratch, temporaryFilesUnder } from './helpers/batch-run.js';

// Output-side failures are typed errors with their exit codes; a second batch
// on the same --out is refused; temporary files never outlive a batch.

const errno = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });
const small = (dir: string): string => inputFolder(dir, { 'a.txt': 'hue-2026.txt', 'b.txt': 'tan-binh-2025.txt' });

describe('errno codes mapped in one place', () => {
  it('maps output errors: ENOSPC and EDQUOT to NO_SPACE, EROFS, EACCES and the rest to OUTPUT_NOT_WRITABLE', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['ENOSPC', 'NO_SPACE', /no space left on the device \(ENOSPC\).*resume/],
      ['EDQUOT', 'NO_SPACE', /quota/],
      ['EROFS', 'OUTPUT_NOT_WRITABLE', /read-only \(EROFS\)/],
      ['EACCES', 'OUTPUT_NOT_WRITABLE', /permission denied \(EACCES\)/],
      ['ENOTDIR', 'OUTPUT_NOT_WRITABLE', /a part of the path is a file/],
      ['EIO', 'OUTPUT_NOT_WRITABLE', /input\/output error \(EIO\)/],
    ];
    for (const [code, typed, message] of cases) {
      const error = outputError(errno(code), '/out/documents.jsonl') as KehoachError;
      expect(error).toBeInstanceOf(KehoachError);
      expect([error.code, error.file, error.details.errno]).toEqual([typed, '/out/documents.jsonl', code]);
      expect(error.message).toMatch(message);
    }
    expect((outputError(errno('ENOSPC'), 'x') as KehoachError).exitCode).toBe(13);
    expect((outputError(errno('EROFS'), 'x') as KehoachError).exitCode).toBe(12);
    // Not a file-system error (a bug): passed through untouched.
    const bug = new TypeError('x is undefined');
    expect(outputError(bug, 'x')).toBe(bug);
  });

  it('maps input errors to UNREADABLE_INPUT with the reason in words', () => {
    const error = inputError(errno('EACCES'), 'dir/secret.pdf');
    expect([error.code, error.file, error.message, error.exitCode]).toEqual(['UNREADABLE_INPUT', 'dir/secret.pdf', 'dir/secret.pdf: permission denied (EACCES)', 15]);
    expect(inputError(errno('ENOENT'), 'gone.txt').message).toMatch(/disappeared/);
    expect(errnoOf({ code: 'ENOSPC' })).toBe('ENOSPC');
    expect(errnoOf({ code: 'ERR_INVALID_ARG_TYPE' })).toBe(null);
  });

  it.runIf(existsSync('/dev/full'))('turns a write to a full disk (/dev/full) into NO_SPACE, not an unhandled stream error', async () => {
    const file = new OutputFile('/dev/full');
    const written = (async () => {
      for (let i = 0; i < 64; i++) await file.write('x'.repeat(64 * 1024));
      await file.close();
    })();
    await expect(written).rejects.toMatchObject({ code: 'NO_SPACE', file: '/dev/full' });
  });
});

describe('--out that cannot be written', () => {
  it('is an existing file: OUTPUT_NOT_WRITABLE, exit code 12, nothing written', async () => {
    const base = scratch('out-file');
    const input = small(join(base, 'in'));
    const out = join(base, 'results.json');
    writeFileSync(out, '{}');
    const result = await batchCli([input, '--out', out]);
    expect(result.code).toBe(12);
    expect(result.stderr).toContain(`kehoach: OUTPUT_NOT_WRITABLE: ${out}: --out must be a folder, and this is an existing file`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out, 'utf8')).toBe('{}');
  });

  it('is under a file: OUTPUT_NOT_WRITABLE (ENOTDIR)', async () => {
    const base = scratch('out-under-file');
    const input = small(join(base, 'in'));
    writeFileSync(join(base, 'file'), '');
    const result = await batchCli([input, '--out', join(base, 'file', 'out')]);
    expect(result.code).toBe(12);
    expect(result.stderr).toMatch(/OUTPUT_NOT_WRITABLE: .*a part of the path is a file, not a folder \(ENOTDIR\)/);
  });

  it.runIf(!isRoot || canRunAsNobody())('is read-only for the user: OUTPUT_NOT_WRITABLE (EACCES), exit code 12', async () => {
    const base = scratch('out-readonly');
    chmodSync(base, 0o755);
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    mkdirSync(out, { mode: 0o555 });
    chmodSync(out, 0o555);
    const result = await batchCli([input, '--out', out], isRoot ? { uid: 65534, gid: 65534 } : {});
    expect(result.code).toBe(12);
    expect(result.stderr).toMatch(/OUTPUT_NOT_WRITABLE: .*permission denied \(EACCES\)/);
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);

  it('a missing input is FILE_NOT_FOUND and leaves --out uncreated', async () => {
    const base = scratch('no-input');
    const result = await batchCli([join(base, 'nothing'), '--out', join(base, 'out')]);
    expect(result.code).toBe(2);
    expect(existsSync(join(base, 'out'))).toBe(false);
  });
});

describe('the lock on --out', () => {
  it('refuses a second concurrent batch with OUTPUT_LOCKED (exit 14) while the first goes on', async () => {
    const base = scratch('lock');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    // The first batch, in this process, is held on its first read until the second has been refused.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = runBatch({
      input,
      out,
      jobs: 1,
      inputFileSystem: {
        readFile: async (path: Buffer) => {
          await gate;
          return new Uint8Array(readFileSync(path));
        },
      },
    });
    const lock = join(out, LOCK_NAME);
    while (!existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });

    const second = await batchCli([input, '--out', out]);
    expect(second.code).toBe(14);
    expect(second.stderr).toContain(`kehoach: OUTPUT_LOCKED: ${out}: this output folder is in use by another batch (pid ${process.pid}`);
    expect(second.stderr).toContain(`if no such batch is running, delete ${lock}`);

    // A second batch in the same process is refused too.
    await expect(runBatch({ input, out })).rejects.toMatchObject({ code: 'OUTPUT_LOCKED' });

    release();
    const summary = await first;
    expect(summary.counts).toMatchObject({ files: 2, ok: 2, documents: 2 });
    expect(existsSync(lock)).toBe(false);
    expect((await batchCli([input, '--out', out])).code).toBe(0);
  }, 60_000);

  it('takes over a stale lock whose pid is dead, and removes it at the end', async () => {
    const base = scratch('stale-lock');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    mkdirSync(out);
    const pid = deadPid();
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    const result = await batchCli([input, '--out', out]);
    expect(result.code).toBe(0);
    expect(manifestOf(out).counts.ok).toBe(2);
    expect(readdirSync(out)).not.toContain(LOCK_NAME);
  }, 60_000);

  it('takes over a garbled lock once it is old, but not while it is fresh', async () => {
    const base = scratch('garbled-lock');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    mkdirSync(out);
    const lock = join(out, LOCK_NAME);
    writeFileSync(lock, '');
    expect((await batchCli([input, '--out', out])).code).toBe(14);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect((await batchCli([input, '--out', out])).code).toBe(0);
  }, 60_000);

  it('keeps a lock taken on another host (its pid cannot be checked from here)', async () => {
    const base = scratch('remote-lock');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    mkdirSync(out);
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: deadPid(), hostname: 'another-host.example', startedAt: '2020-01-01T00:00:00.000Z' }));
    const result = await batchCli([input, '--out', out]);
    expect(result.code).toBe(14);
    expect(result.stderr).toMatch(/on host another-host\.example/);
  });
});

describe('temporary files', () => {
  it('are removed at start (left by a killed batch) and none is left after the run; other files are kept', async () => {
    const base = scratch('tmp');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    mkdirSync(join(out, 'parts'), { recursive: true });
    const stale = ['documents.jsonl.99999.tmp', 'inputs.jsonl.4242.tmp', 'manifest.json.123.tmp', join('parts', `${'a'.repeat(64)}.json.99999.k3j2h1.tmp`)];
    for (const name of stale) writeFileSync(join(out, name), 'half-written');
    writeFileSync(join(out, 'notes.tmp'), 'mine');
    const result = await batchCli([input, '--out', out]);
    expect(result.code).toBe(0);
    expect(temporaryFilesUnder(out)).toEqual(['notes.tmp']);
    expect(readFileSync(join(out, 'notes.tmp'), 'utf8')).toBe('mine');
  }, 60_000);

  it('are removed when a batch fails on its output, and what was parsed stays resumable', async () => {
    const base = scratch('tmp-fail');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    expect((await batchCli([input, '--out', out])).code).toBe(0);
    // A folder where an output file must go: the final rename fails.
    const { rmSync } = await import('node:fs');
    rmSync(join(out, 'targets.csv'));
    mkdirSync(join(out, 'targets.csv'));
    writeFileSync(join(out, 'targets.csv', 'keep'), '');
    const failed = await batchCli([input, '--out', out]);
    expect(failed.code).toBe(12);
    expect(failed.stderr).toMatch(/OUTPUT_NOT_WRITABLE: .*targets\.csv: cannot be written/);
    expect(temporaryFilesUnder(out)).toEqual([]);
    expect(readdirSync(out)).not.toContain(LOCK_NAME);
    rmSync(join(out, 'targets.csv'), { recursive: true });
    expect((await batchCli([input, '--out', out])).code).toBe(0);
    expect(manifestOf(out).counts).toMatchObject({ ok: 2, resumed: 2 });
  }, 60_000);

  for (const [signal, exitCode] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`are removed with the lock on ${signal}; the batch exits ${exitCode} and resumes`, async () => {
      const base = scratch(`signal-${signal}`);
      const input = join(base, 'in');
      mkdirSync(input);
      const pdf = readFileSync(join(fixtures, 'hcmc-2026.pdf'));
      for (let i = 0; i < 6; i++) writeFileSync(join(input, `plan-${i}.pdf`), Buffer.concat([pdf, Buffer.from(`%copy ${i}\n`)]));
      const out = join(base, 'out');
      const child = spawn(process.execPath, [cli, 'batch', input, '--out', out, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Wait until the batch is under way: its manifest is being written and a part is stored.
      let sawTemporary = false;
      for (;;) {
        const names = existsSync(out) ? readdirSync(out) : [];
        sawTemporary ||= names.some((n) => /^manifest\.json\.\d+\.tmp$/.test(n));
        if (sawTemporary && existsSync(join(out, 'parts')) && readdirSync(join(out, 'parts')).some((n) => n.endsWith('.part'))) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill(signal);
      expect(await exited).toBe(exitCode);
      expect(stderr).toContain(`stopped by ${signal}`);
      expect(temporaryFilesUnder(out)).toEqual([]);
      expect(existsSync(join(out, LOCK_NAME))).toBe(false);
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
      const resumed = await batchCli([input, '--out', out, '--jobs', '2']);
      expect(resumed.code).toBe(0);
      expect(manifestOf(out).counts.ok).toBe(6);
      expect(manifestOf(out).counts.resumed).toBeGreaterThanOrEqual(1);
    }, 60_000);
  }
});

describe('a lock left by an earlier process with this pid', () => {
  it('is taken over (a container restarted with the same pid)', async () => {
    const base = scratch('own-pid-lock');
    const input = small(join(base, 'in'));
    const out = join(base, 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    const summary = await runBatch({ input, out, jobs: 1 });
    expect(summary.counts.error).toBe(0);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
  });
});

describe('a reader that goes away', () => {
  it('`kehoach batch … | head` and `… 2>&1 | head`: the batch finishes and exits 0, with no error on stderr', () => {
    const base = scratch('epipe');
    const input = small(join(base, 'in'));
    for (const [redirect, out] of [
      ['', join(base, 'out-stdout')],
      ['2>&1', join(base, 'out-both')],
    ] as const) {
      // head -n 0 exits at once: every line the batch prints after that meets a closed pipe (EPIPE).
      const command = `"${process.execPath}" "${cli}" batch "${input}" --out "${out}" ${redirect} | head -n 0`;
      const result = spawnSync('bash', ['-o', 'pipefail', '-c', command], { encoding: 'utf8', timeout: 60_000 });
      expect([redirect, result.status, result.stderr]).toEqual([redirect, 0, redirect ? '' : expect.stringContaining('2 files: 2 ok') as unknown]);
      expect(manifestOf(out).counts).toMatchObject({ files: 2, ok: 2 });
      expect(temporaryFilesUnder(out)).toEqual([]);
      expect(readdirSync(out)).not.toContain(LOCK_NAME);
    }
  }, 60_000);
});
