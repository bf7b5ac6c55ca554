// electron-builder configuration for the installers: dmg (macOS), AppImage and deb (Linux), nsis
// (Windows). Run `npm run dist` on a machine of each platform (electron-builder is not a dependency of
// this repo: `npx electron-builder` fetches it). Paths are relative to the project folder.
// test/unit/build/electron-builder-config.test.ts checks this file against the documented options and
// that every file it names exists and matches the launchers in build/bin.
module.exports = {
  appId: 'app.plausible-desktop',
  productName: 'Plausible Desktop',
  directories: { output: 'dist', buildResources: 'build' },
  // The electron-vite build (main, preload, renderer and the CLI at out/main/cli.js); production
  // dependencies are added by electron-builder.
  files: ['out/**/*', 'package.json'],
  // Outside app.asar, at <resources>/bin and <resources>/tray: the `plausible` launcher must be a real
  // file to link onto the PATH, and the tray icons are read by path (src/main/tray.ts resolveTrayIconDir).
  extraResources: [
    { from: 'build/bin', to: 'bin', filter: ['plausible', 'plausible.cmd'] },
    { from: 'build/tray', to: 'tray', filter: ['*.png'] },
  ],
  // keytar's native module cannot be loaded from inside the archive.
  asarUnpack: ['**/node_modules/keytar/**/*.node'],
  // Fuses flipped in the binary at packaging time (then sealed by code signing).
  electronFuses: {
    // Kept on, knowingly: the `plausible` launchers (build/bin) run the CLI on the app's own binary with
    // ELECTRON_RUN_AS_NODE=1, so users need no Node. The cost: anything that can run this binary with that
    // variable gets a plain Node with no Electron sandbox, i.e. what a same-user attacker already has
    // with any other interpreter on the machine; it does not reach the window's renderer.
    runAsNode: true,
    enableCookieEncryption: true,
    // No NODE_OPTIONS (--require of an attacker's file) and no --inspect into the main process.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // Kept on: the window loads its renderer from file:// (ES modules from its own folder).
    grantFileProtocolExtraPrivileges: true,
  },
  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.productivity',
    // The binary stays "Plausible Desktop" (Contents/MacOS/Plausible Desktop), as build/bin/plausible expects.
  },
  dmg: {
    contents: [
      { x: 130, y: 220, type: 'file' },
      { x: 410, y: 220, type: 'link', path: '/Applications' },
    ],
  },
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Utility',
    synopsis: 'Plausible Analytics stats, a tray glance and the plausible CLI',
    // <app>/plausible-desktop, as build/bin/plausible expects (only Linux renames the binary).
    executableName: 'plausible-desktop',
  },
  deb: {
    // The keychain (Secret Service via libsecret) and notifications.
    depends: ['libsecret-1-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libgtk-3-0'],
  },
  win: {
    target: ['nsis'],
    icon: 'build/icon.ico',
    // Plausible Desktop.exe, as build/bin/plausible.cmd expects.
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
  },
}
