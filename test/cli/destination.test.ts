/**
 * `olinpe validate --destination onpe|odpe` (issue 13): the file for the ONPE must not carry UTDP, the ODPE's
 * may (G18 p16, "transmise uniquement à l'ODPE"). Without the option UTDP is not judged.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const id = 'ab'.repeat(20);
const xml = (utdp: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-03-01</DATEXPORT></INTRO>\n` +
  `<DONNEE><NUMANONYM>${id}</NUMANONYM><TYPEV>1</TYPEV><UTDP>${utdp}</UTDP></DONNEE>\n</DECRET>\n`;

async function utdpFindings(args: string[], utdp: string): Promise<{ code: number; ids: string[] }> {
  const r = await cli(['validate', '-', '--format', 'json', '--year', '2023', ...args], { stdin: xml(utdp) });
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
  return { code: r.code, ids: report.findings.map((f) => f.ruleId).filter((x) => x === 'OL16-COH-007') };
}

describe('validate --destination', () => {
  it('onpe: a filled UTDP is an error naming the rule; an empty one is not', async () => {
    const filled = await utdpFindings(['--destination', 'onpe'], '012');
    expect(filled.ids).toEqual(['OL16-COH-007']);
    expect(filled.code).toBe(1);
    expect((await utdpFindings(['--destination', 'onpe'], '')).ids).toEqual([]);
  });

  it('odpe, or no destination: UTDP is allowed', async () => {
    expect((await utdpFindings(['--destination', 'odpe'], '012')).ids).toEqual([]);
    expect((await utdpFindings([], '012')).ids).toEqual([]);
  });

  it('another value is a usage error (exit 2), and audit does not take the option', async () => {
    const bad = await cli(['validate', '-', '--destination', 'drees'], { stdin: xml('') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--destination doit valoir onpe ou odpe');
    const audit = await cli(['audit', '-', '--destination', 'onpe'], { stdin: xml('') });
    expect(audit.code).toBe(2);
    expect(audit.stderr).toContain('option inconnue « --destination »');
  });
});
