// Checks the commit messages of a range against the README's rule: a subject of at most 72
// characters, then a blank line and a body saying why.
//   node scripts/check-commits.mjs [range]     range defaults to main..HEAD (your branch);
//                                              exits 1 when a commit breaks the rule
//   node scripts/check-commits.mjs --report    CI: the commits since the rule was adopted (the
//                                              commit that added this script), listed, exit 0
//                                              (landed history cannot be rewritten)
import { execFileSync } from 'node:child_process';

const MAX_SUBJECT = 72;
const report = process.argv.includes('--report');
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();

let range = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!range && report) {
  const adopted = git('log', '--format=%H', '--diff-filter=A', '-1', '--', 'scripts/check-commits.mjs');
  range = adopted ? `${adopted}^..HEAD` : 'HEAD';
}
range ??= 'main..HEAD';

const problems = [];
const hashes = git('rev-list', '--no-merges', range).split('\n').filter(Boolean);
for (const hash of hashes) {
  const [subject = '', blank, ...body] = git('log', '-1', '--format=%B', hash).split('\n');
  const found = [];
  if (subject.length > MAX_SUBJECT) found.push(`subject of ${subject.length} characters (at most ${MAX_SUBJECT})`);
  if (blank !== undefined && blank.trim() !== '') found.push('no blank line after the subject');
  if (!body.some((line) => line.trim() !== '')) found.push('no body saying why');
  if (found.length > 0) problems.push(`${hash.slice(0, 9)} ${subject.slice(0, 60)}: ${found.join('; ')}`);
}

for (const problem of problems) console.log(`commit message: ${problem}`);
console.log(`commit messages: ${hashes.length - problems.length} of ${hashes.length} in ${range} follow the rule`);
if (problems.length > 0 && !report) process.exit(1);
