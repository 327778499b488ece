import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-cfg-'));
}

async function run(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const io = memoryIo({ cwd, env });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const GROUP = `lang: en
journal:
  url: sqlite:.hisops/journal.db
connections:
  prod:
    url: postgres://his:topsecret@10.0.0.5:5432/his
    passwordEnv: PROD_PW
institutions:
  - name: main
    fixmedins_code: H43010000001
    his:
      url: prod
    center:
      url: http://127.0.0.1:9001
  - name: east
    fixmedins_code: H43010000002
    his:
      url: sqlite:east.db
    center:
      timeoutMs: 5000
`;

describe('hisops init', () => {
  it('refuses to prompt when nobody can answer (exit 4, names --yes)', async () => {
    const dir = tmpDir();
    const r = await run(['init'], dir);
    expect(r.code).toBe(4);
    expect(r.err).toContain('--yes');
    expect(fs.existsSync(path.join(dir, 'hisops.yaml'))).toBe(false);
  });

  it('writes a commented hisops.yaml from flags with --yes, and never overwrites without --force', async () => {
    const dir = tmpDir();
    const r = await run(
      [
        'init',
        '--yes',
        '--fixmedins-code',
        'H43010099999',
        '--fixmedins-name',
        '测试医院',
        '--his-url',
        'sqlite:his.db',
        '--admvs',
        '430200',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'hisops.yaml'), 'utf8');
    expect(text).toContain('fixmedins_code: H43010099999');
    expect(text).toContain('# ');
    const shown = await run(['config', 'show', '--json'], dir);
    const doc = JSON.parse(shown.out);
    expect(doc.data.values['fixmedins_code'].value).toBe('H43010099999');
    expect(doc.data.values['center.mdtrtarea_admvs'].value).toBe('430200');
    expect(doc.data.values['fixmedins_name'].value).toBe('测试医院');

    fs.appendFileSync(path.join(dir, 'hisops.yaml'), '# local edit\n');
    const again = await run(['init', '--yes'], dir);
    expect(again.code).toBe(4);
    expect(again.err).toContain('--force');
    expect(fs.readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')).toContain('# local edit');
    const forced = await run(['init', '--yes', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'hisops.yaml.bak'), 'utf8')).toContain('# local edit');
  });

  it('rejects a malformed institution code with exit 2', async () => {
    const r = await run(['init', '--yes', '--fixmedins-code', 'bad code!'], tmpDir());
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad code!');
  });
});

describe('hisops config show', () => {
  it('shows built-in defaults when there is no hisops.yaml', async () => {
    const r = await run(['config', 'show', '--json'], tmpDir());
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.ok).toBe(true);
    expect(doc.data.file).toBeNull();
    expect(doc.data.values['journal.url']).toMatchObject({ value: 'sqlite:.hisops/journal.db', source: 'default' });
  });

  it('applies flag > environment > file > default, and names each source', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), GROUP);
    const sub = path.join(dir, 'a', 'b');
    fs.mkdirSync(sub, { recursive: true });
    const r = await run(['config', 'show', '--json', '--institution', 'east'], sub, {
      HISOPS_CENTER_URL: 'http://center.example:8080',
    });
    const doc = JSON.parse(r.out);
    expect(doc.data.file).toBe(path.join(dir, 'hisops.yaml'));
    expect(doc.data.institution).toBe('east');
    const v = doc.data.values;
    expect(v['institution'].source).toBe('flag');
    expect(v['center.url']).toMatchObject({ value: 'http://center.example:8080', source: 'env HISOPS_CENTER_URL' });
    expect(v['center.timeoutMs']).toMatchObject({ value: '5000' });
    expect(v['center.timeoutMs'].source).toBe(`${path.join(dir, 'hisops.yaml')}:20`);
    expect(v['fixmedins_code'].value).toBe('H43010000002');
    expect(v['center.gateway']).toMatchObject({ value: 'none', source: 'default' });
  });

  it('never prints secrets: passwords in URLs and secret values are redacted', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), GROUP);
    const r = await run(['config', 'show'], dir, {
      HISOPS_HIS_PASSWORD: 'hunter2',
      HISOPS_CENTER_SECRET: 's3cr3t-token',
    });
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('hunter2');
    expect(r.out).not.toContain('s3cr3t-token');
    expect(r.out).not.toContain('topsecret');
    expect(r.out).toContain('***');
    const j = await run(['config', 'show', '--json'], dir, { HISOPS_HIS_PASSWORD: 'hunter2' });
    expect(j.out).not.toContain('hunter2');
    expect(j.out).not.toContain('topsecret');
    expect(JSON.parse(j.out).data.values['his.password']).toMatchObject({
      value: '***',
      source: 'env HISOPS_HIS_PASSWORD',
    });
  });

  it('names the file, the line and the fix for an unknown key (exit 2)', async () => {
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      'lang: en\ninstitutions:\n  - name: main\n    centre:\n      url: http://x\n',
    );
    const r = await run(['config', 'show'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${path.join(dir, 'hisops.yaml')}:5`);
    expect(r.err).toContain('centre.url');
    expect(r.err).toContain('center.url');
  });

  it('rejects bad values, malformed YAML, secrets in the file and unknown institutions', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'hisops.yaml');
    fs.writeFileSync(f, 'institutions:\n  - name: main\n    center:\n      gateway: tiff\n');
    let r = await run(['config', 'show'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/hisops\.yaml:4/);
    expect(r.err).toContain('none, tif, hsaf');

    fs.writeFileSync(f, 'institutions:\n  - name: main\n   his: [\n');
    r = await run(['config', 'show'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not valid YAML');

    fs.writeFileSync(f, 'institutions:\n  - name: main\n    his:\n      password: hunter2\n');
    r = await run(['config', 'show'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('HISOPS_HIS_PASSWORD');
    expect(r.err).not.toContain('hunter2');

    fs.writeFileSync(f, GROUP);
    r = await run(['config', 'show', '--institution', 'esat'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Did you mean "east"');

    r = await run(['config', 'show', '--config', 'nope.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope.yaml');
  });
});

describe('hisops config show: secrets and every setting', () => {
  it('redacts a password written inside a database URL, in text and in --json', async () => {
    const dir = tmpDir();
    const env = {
      HISOPS_HIS_URL: 'postgres://u:PW-in-url-77@h/db',
      HISOPS_JOURNAL_URL: 'mysql://j:journal-pw-88@h:3306/j',
    };
    const text = await run(['config', 'show'], dir, env);
    expect(text.code).toBe(0);
    for (const secret of ['PW-in-url-77', 'journal-pw-88']) expect(text.out).not.toContain(secret);
    expect(text.out).toContain('postgres://u:***@h/db');
    const j = await run(['config', 'show', '--json'], dir, env);
    for (const secret of ['PW-in-url-77', 'journal-pw-88']) expect(j.out).not.toContain(secret);
    expect(JSON.parse(j.out).data.values['his.url']).toMatchObject({
      value: 'postgres://u:***@h/db',
      source: 'env HISOPS_HIS_URL',
    });
  });

  it('names the line and the column of a YAML syntax error', async () => {
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      'lang: en\ninstitutions:\n  - name: main\n    his: { url: "sqlite:a.db"\n',
    );
    const r = await run(['config', 'show', '--json'], dir);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.ok).toBe(false);
    expect(doc.error.summary).toMatch(/hisops\.yaml:\d+:\d+: not valid YAML/);
    expect(doc.error.details).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  it('lists the sections other jobs read (reconcile:, stuck: …) with the line each value is on', async () => {
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      'lang: en\nreconcile:\n  queryLimit: 50\n  extraInsutypes: [31001, 31002]\nstuck:\n  concurrency: 3\n',
    );
    const r = await run(['config', 'show', '--json'], dir);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out).data.values;
    const file = path.join(dir, 'hisops.yaml');
    expect(v['reconcile.queryLimit']).toMatchObject({ value: '50', source: `${file}:3`, env: null });
    expect(v['reconcile.extraInsutypes']).toMatchObject({ value: '31001, 31002', source: `${file}:4` });
    expect(v['stuck.concurrency']).toMatchObject({ value: '3', source: `${file}:6` });
    // A section the file leaves out is still listed, on its defaults.
    expect(v['trace']).toMatchObject({ value: null, source: 'default' });
    const text = await run(['config', 'show'], dir);
    expect(text.out).toContain('reconcile.queryLimit');
    expect(text.out).toContain('center.tlsCa');
  });
});
