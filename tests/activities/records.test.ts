import { mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { LocalRecordsRegister, type Registration } from '../../activities/records';

const hash = (s: string): string => createHash('sha256').update(s).digest('hex');
const entry = (n: number, text = `Medborgarlöfte ${n}`): Registration => ({
  workflowId: `promise-cycle-0183-${2000 + n}`,
  municipalityCode: '0183',
  year: 2000 + n,
  title: `Medborgarlöfte Sundbyberg ${2000 + n}`,
  text,
  contentHash: hash(text),
});

describe('LocalRecordsRegister', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'records-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('numbers records per registration year with case type 483', async () => {
    let now = new Date('2027-03-01T10:00:00Z');
    const register = new LocalRecordsRegister(dir, () => now);
    const first = await register.register(entry(1));
    const second = await register.register(entry(2));
    now = new Date('2027-12-31T23:30:00Z'); // already 2028 in Stockholm
    const third = await register.register(entry(3));
    expect([first.recordNumber, second.recordNumber, third.recordNumber]).toEqual([
      'A 483.0001/2027',
      'A 483.0002/2027',
      'A 483.0001/2028',
    ]);
    expect(first.caseType).toBe('483');
    expect(first.registeredAt).toBe('2027-03-01T10:00:00.000Z');
  });

  it('returns the same record when a retried activity registers the same document again', async () => {
    const register = new LocalRecordsRegister(dir);
    const first = await register.register(entry(1));
    const again = await new LocalRecordsRegister(dir).register(entry(1));
    expect(again).toEqual(first);
    expect(await register.list()).toHaveLength(1);
  });

  it('registers a changed document of the same cycle as a new record', async () => {
    const register = new LocalRecordsRegister(dir);
    const first = await register.register(entry(1, 'version 1'));
    const second = await register.register(entry(1, 'version 2'));
    expect(second.recordNumber).not.toBe(first.recordNumber);
  });

  it('only appends: earlier lines stay byte for byte', async () => {
    const register = new LocalRecordsRegister(dir);
    await register.register(entry(1));
    const before = readFileSync(register.file, 'utf8');
    await register.register(entry(2));
    await register.register(entry(1));
    const after = readFileSync(register.file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.trim().split('\n')).toHaveLength(2);
  });

  it('hands out unique numbers under concurrency, also across two register instances (processes)', async () => {
    const a = new LocalRecordsRegister(dir);
    const b = new LocalRecordsRegister(dir);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).register(entry(i + 1))),
    );
    const numbers = results.map((r) => r.recordNumber);
    expect(new Set(numbers).size).toBe(30);
    expect((await a.list()).map((r) => r.recordNumber).sort()).toEqual([...numbers].sort());
  });

  it('concurrent retries of the same registration yield one record', async () => {
    const a = new LocalRecordsRegister(dir);
    const b = new LocalRecordsRegister(dir);
    const results = await Promise.all([a, b, a, b].map((r) => r.register(entry(7))));
    expect(new Set(results.map((r) => r.recordNumber)).size).toBe(1);
    expect(await a.list()).toHaveLength(1);
  });

  it('survives a torn last line from an interrupted write', async () => {
    const register = new LocalRecordsRegister(dir);
    await register.register(entry(1));
    appendFileSync(register.file, '{"recordNumber":"A 483.00');
    const next = await register.register(entry(2));
    expect(next.recordNumber).toMatch(/^A 483\.0002\//);
    expect(await register.list()).toHaveLength(2);
  });

  it('rejects a malformed registration', async () => {
    const register = new LocalRecordsRegister(dir);
    await expect(register.register({ ...entry(1), contentHash: 'nope' })).rejects.toThrow(/SHA-256/);
  });
});
