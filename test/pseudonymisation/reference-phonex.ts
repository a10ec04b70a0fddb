/**
 * A deliberately literal phonex (spec section 2, and the PHP class it describes: str_replace with arrays,
 * preg_replace with consuming groups), used as an oracle for the optimised implementation in src/.
 * Slow and obvious on purpose.
 */
const pairs = (s: string, list: Array<[string, string]>): string =>
  list.reduce((acc, [a, b]) => acc.split(a).join(b), s);
const pregs = (s: string, list: Array<[RegExp, string]>): string => list.reduce((acc, [a, b]) => acc.replace(a, b), s);

export function referencePhonexLetters(name: string): string {
  let s = name.toLowerCase().split(' ').join('').split('y').join('i');
  s = s
    .replace(/(?<![csp])h/g, '')
    .split('ph')
    .join('f');
  s = pairs(s, [
    ['gan', 'kan'],
    ['gam', 'kam'],
    ['gain', 'kain'],
    ['gaim', 'kaim'],
  ]);
  s = pregs(s, [
    [/(ain)([aeiou])/g, 'yn$2'],
    [/(ein)([aeiou])/g, 'yn$2'],
    [/(aim)([aeiou])/g, 'yn$2'],
    [/(eim)([aeiou])/g, 'yn$2'],
  ]);
  s = pairs(s, [
    ['eau', 'o'],
    ['oua', '2'],
    ['ein', '4'],
    ['ain', '4'],
    ['eim', '4'],
    ['aim', '4'],
  ]);
  s = pairs(s, [
    ['é', 'y'],
    ['è', 'y'],
    ['ê', 'y'],
    ['ai', 'y'],
    ['ei', 'y'],
    ['er', 'yr'],
    ['ess', 'yss'],
    ['et', 'yt'],
  ]);
  s = pregs(s, [
    [/(an)($|[^aeiou1234])/g, '1$2'],
    [/(am)($|[^aeiou1234])/g, '1$2'],
    [/(en)($|[^aeiou1234])/g, '1$2'],
    [/(em)($|[^aeiou1234])/g, '1$2'],
    [/(in)($|[^aeiou1234])/g, '4$2'],
  ]);
  s = pairs(s, [['on', '1']]);
  s = pregs(s, [[/([aeiou1234])(s)([aeiou1234])/g, '$1z$3']]);
  s = pairs(s, [
    ['oe', 'e'],
    ['eu', 'e'],
    ['au', 'o'],
    ['oi', '2'],
    ['oy', '2'],
    ['ou', '3'],
  ]);
  s = pairs(s, [
    ['ch', '5'],
    ['sch', '5'],
    ['sh', '5'],
    ['ss', 's'],
    ['sc', 's'],
  ]);
  s = pregs(s, [[/(c)([ei])/g, 's$2']]);
  s = pairs(s, [
    ['c', 'k'],
    ['q', 'k'],
    ['qu', 'k'],
    ['gu', 'k'],
    ['ga', 'ka'],
    ['go', 'ko'],
    ['gy', 'ky'],
  ]);
  s = pairs(s, [
    ['a', 'o'],
    ['d', 't'],
    ['p', 't'],
    ['j', 'g'],
    ['b', 'f'],
    ['v', 'f'],
    ['m', 'n'],
  ]);
  s = s.replace(/(.)\1/g, '$1');
  if (s.endsWith('t') || s.endsWith('x')) s = s.slice(0, -1);
  return s;
}
