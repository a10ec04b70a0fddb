/**
 * libxml2's xmllint, the baseline the reading benchmarks compare with (transmission.bench.ts, floors.bench.ts).
 */
import { execFileSync } from 'node:child_process';

const works = (): boolean => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Whether xmllint (libxml2) runs; when it does not, installs Debian's libxml2-utils with apt-get, saying so. */
export function ensureXmllint(): boolean {
  if (works()) return true;
  console.log('  xmllint is missing: installing libxml2-utils (libxml2 from Debian) with apt-get');
  try {
    execFileSync('apt-get', ['install', '-y', '-q', 'libxml2-utils'], { stdio: 'inherit' });
  } catch {
    try {
      execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-q', 'libxml2-utils'], { stdio: 'inherit' });
    } catch {
      console.log('  apt-get could not install libxml2-utils: xmllint not measured');
    }
  }
  return works();
}
