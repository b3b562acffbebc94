// What `npm test` needs from the system besides Node.js: Debian's Chromium (the admin's browser
// suite), the Noto CJK fonts (the PDF export of results, readable screenshots), and curl and jq
// (the README's integrator guide is run as written). Checked before
// anything else, so that a machine without them is told in one line what to install instead of
// failing deep inside the browser suite; run as root with CI=true (CI), it installs them itself.
// CHROMIUM_PATH points the check and the browser suite at another Chromium.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const PACKAGES = ['chromium', 'fonts-noto-cjk', 'curl', 'jq'];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The same files as CJK_FONT_CANDIDATES in packages/api/src/modules/results/service.ts.
const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
];

function missing() {
  const absent = [];
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    absent.push(`Chromium at ${CHROMIUM}`);
  }
  if (!CJK_FONTS.some((font) => existsSync(font))) absent.push('the Noto CJK fonts');
  for (const tool of ['curl', 'jq']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) absent.push(tool);
  }
  return absent;
}

function aptGet(...args) {
  const result = spawnSync('apt-get', ['-qq', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

let absent = missing();
const root = process.getuid?.() === 0;
if (absent.length > 0 && root && process.env.CI === 'true') {
  console.log(`test prerequisites: installing ${PACKAGES.join(' ')} (apt-get, as root in CI)`);
  if (!aptGet('update') || !aptGet('install', '-y', ...PACKAGES)) console.error('apt-get failed');
  absent = missing();
}
if (absent.length > 0) {
  const command = `${root ? '' : 'sudo '}apt-get install ${PACKAGES.join(' ')}`;
  const other = absent[0]?.startsWith('Chromium') ? ', or set CHROMIUM_PATH to another Chromium' : '';
  console.error(`npm test needs ${absent.join(' and ')}: run \`${command}\` (Debian)${other}`);
  process.exit(1);
}
