import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotPublicError, publishPublicView, publicViewFile } from '../../activities/publish';
import type { PublicView } from '../../domain/status';

const view = (): PublicView => ({
  municipality: { code: '0183', name: 'Sundbyberg' },
  region: 'Stockholms län',
  localPoliceArea: 'Lokalpolisområde Solna',
  year: 2027,
  language: 'sv',
  published: true,
  promise: {
    text: '# Medborgarlöfte för Sundbyberg 2027',
    introduction: 'Polisen och Sundbybergs stad lovar att öka tryggheten i centrum.',
    purpose: 'Att fler ska känna sig trygga kvällstid.',
    jointPictureSummary: 'Boende upplever otrygghet vid Sundbybergs torg <kvällstid>.',
    focusAreas: [{ title: 'Trygghet på torget', targetPicture: 'Ett torg där alla vågar vistas.' }],
    howCitizensCanFollow: 'På sundbyberg.se och i polisens kanaler.',
    signatures: [{ name: 'Karin Lund', role: 'lokalpolisområdeschef', signedAt: '2027-02-01T10:00:00Z' }],
    recordNumber: 'A 483.0001/2027',
  },
  activities: [
    {
      id: 'a1',
      title: 'Trygghetsvandring',
      description: 'Gemensam vandring med boende.',
      start: '2027-03-01T00:00:00Z',
      end: '2027-05-01T00:00:00Z',
      effectSought: 'Ökad upplevd trygghet',
      state: 'planned',
      progress: [],
    },
  ],
  feedback: [],
});

describe('publishPublicView', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'public-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const options = () => ({ dataDir, publicBaseUrl: 'https://trygghet.example.se/' });

  it('writes the public view as JSON and HTML and returns the public address', () => {
    const { url, file } = publishPublicView(options(), view());
    expect(url).toBe('https://trygghet.example.se/medborgarloften/0183/2027');
    expect(file).toBe(publicViewFile(dataDir, '0183', 2027));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(view());
    const html = readFileSync(file.replace(/json$/, 'html'), 'utf8');
    expect(html).toContain('Medborgarlöfte Sundbyberg 2027');
    expect(html).toContain('&lt;kvällstid&gt;');
    expect(readdirSync(join(dataDir, 'public', '0183')).sort()).toEqual(['2027.html', '2027.json']);
  });

  it('replaces an earlier version in place', () => {
    publishPublicView(options(), { ...view(), published: false, promise: undefined });
    publishPublicView(options(), view());
    expect(JSON.parse(readFileSync(publicViewFile(dataDir, '0183', 2027), 'utf8')).promise.recordNumber).toBe(
      'A 483.0001/2027',
    );
  });

  it.each([
    [
      'the internal intelligence part at top level',
      (v: Record<string, unknown>) => ({ ...v, internalIntelligence: 'Gängkonflikt, hemlig källa' }),
    ],
    [
      'an internal field inside the promise',
      (v: Record<string, unknown>) => ({
        ...v,
        promise: { ...(v.promise as object), internalIntelligence: 'hemligt' },
      }),
    ],
    [
      'a staff email on an activity',
      (v: Record<string, unknown>) => ({
        ...v,
        activities: [{ ...(v.activities as object[])[0], responsible: { email: 'anna@example.se' } }],
      }),
    ],
    ['a whole cycle status instead of a public view', () => ({ phase: 'implementation', openTasks: [] })],
  ])('refuses to publish %s and writes nothing', (_label, corrupt) => {
    expect(() => publishPublicView(options(), corrupt(view() as unknown as Record<string, unknown>))).toThrow(
      NotPublicError,
    );
    expect(existsSync(join(dataDir, 'public'))).toBe(false);
  });
});
