// Fails loudly when `npm test` (or any script that calls this) runs on a Node older than package.json's engines.
// `npm install` puts Node 24 in node_modules/.bin (the pinned `node` devDependency), and npm scripts run it; a machine
// Node is only used when that install was skipped (`npm install --ignore-scripts`) or when a script is run by hand.
const { engines } = require('../package.json');

const wanted = /^>=(\d+)\.(\d+)/.exec(engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
const [wantMajor, wantMinor] = [Number(wanted[1]), Number(wanted[2])];
if (major < wantMajor || (major === wantMajor && minor < wantMinor) || major > wantMajor) {
  process.stderr.write(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!! This is Node ${process.version}; the project needs Node ${engines.node} (package.json "engines").`,
      '!! `npm install` (or `npm ci`) puts Node 24 in node_modules/.bin and npm scripts use it; an install with',
      '!! --ignore-scripts leaves it out. Run `npm ci` again, without --ignore-scripts.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
process.stdout.write(`Node ${process.version} (${process.execPath})\n`);
