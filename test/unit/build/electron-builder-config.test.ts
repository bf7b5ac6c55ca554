// electron-builder cannot run here (no network for its binaries, no macOS or Windows), so this test
// loads the configuration and checks it: the options against a schema of the documented
// electron-builder options (https://www.electron.build/configuration), every file it names, and that
// the names it gives the binaries are the ones the bundled launchers run.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const root = resolve(__dirname, '../../..')
const require = createRequire(__filename)
const config: unknown = require(join(root, 'build/electron-builder.config.cjs'))
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string
  main: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
  optionalDependencies: Record<string, string>
}

const FileSet = z
  .object({ from: z.string(), to: z.string(), filter: z.array(z.string()).optional() })
  .strict()
const Targets = <T extends [string, ...string[]]>(names: T) => z.array(z.enum(names)).min(1)

/** The documented options this project uses; unknown keys fail (a typo would be ignored by electron-builder). */
const BuilderConfig = z
  .object({
    appId: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i),
    productName: z.string().min(1),
    directories: z.object({ output: z.string(), buildResources: z.string() }).strict(),
    files: z.array(z.string()).min(1),
    extraResources: z.array(FileSet),
    asarUnpack: z.array(z.string()),
    electronFuses: z
      .object({
        runAsNode: z.boolean(),
        enableCookieEncryption: z.boolean(),
        enableNodeOptionsEnvironmentVariable: z.boolean(),
        enableNodeCliInspectArguments: z.boolean(),
        enableEmbeddedAsarIntegrityValidation: z.boolean(),
        onlyLoadAppFromAsar: z.boolean(),
        loadBrowserProcessSpecificV8Snapshot: z.boolean().optional(),
        grantFileProtocolExtraPrivileges: z.boolean(),
      })
      .strict(),
    mac: z
      .object({
        target: Targets(['dmg', 'zip', 'pkg', 'mas', 'dir']),
        icon: z.string(),
        category: z.string(),
      })
      .strict(),
    dmg: z
      .object({
        contents: z.array(
          z
            .object({
              x: z.number(),
              y: z.number(),
              type: z.enum(['link', 'file', 'dir']),
              path: z.string().optional(),
            })
            .strict(),
        ),
      })
      .strict(),
    linux: z
      .object({
        target: Targets(['AppImage', 'deb', 'rpm', 'snap', 'flatpak', 'pacman', 'tar.gz', 'dir']),
        icon: z.string(),
        category: z.string(),
        synopsis: z.string(),
        executableName: z.string().regex(/^[a-z0-9-]+$/),
      })
      .strict(),
    deb: z.object({ depends: z.array(z.string()) }).strict(),
    win: z
      .object({ target: Targets(['nsis', 'portable', 'msi', 'appx', 'zip', 'dir']), icon: z.string() })
      .strict(),
    nsis: z
      .object({
        oneClick: z.boolean(),
        perMachine: z.boolean(),
        allowToChangeInstallationDirectory: z.boolean(),
        installerIcon: z.string(),
        uninstallerIcon: z.string(),
      })
      .strict(),
  })
  .strict()

const parsed = BuilderConfig.parse(config)
const launcher = readFileSync(join(root, 'build/bin/plausible'), 'utf8')
const windowsLauncher = readFileSync(join(root, 'build/bin/plausible.cmd'), 'utf8')

describe('build/electron-builder.config.cjs', () => {
  it('uses only documented options with valid values, for dmg, AppImage, deb and nsis', () => {
    expect(parsed.mac.target).toEqual(['dmg'])
    expect(parsed.linux.target).toEqual(['AppImage', 'deb'])
    expect(parsed.win.target).toEqual(['nsis'])
  })

  it('names the product as package.json does, which is also the config folder name', () => {
    expect(parsed.productName).toBe('Plausible Desktop')
    expect(packageJson.productName).toBe(parsed.productName)
  })

  it('points at icons that exist: an .icns, an .ico and a folder of Linux PNG sizes', () => {
    for (const icon of [
      parsed.mac.icon,
      parsed.win.icon,
      parsed.nsis.installerIcon,
      parsed.nsis.uninstallerIcon,
    ])
      expect(statSync(join(root, icon)).isFile(), icon).toBe(true)
    expect(existsSync(join(root, parsed.linux.icon, '512x512.png'))).toBe(true)
  })

  it('bundles the launchers and the tray icons as extra resources, and every filter matches a file', () => {
    expect(parsed.extraResources).toEqual([
      { from: 'build/bin', to: 'bin', filter: ['plausible', 'plausible.cmd'] },
      { from: 'build/tray', to: 'tray', filter: ['*.png'] },
    ])
    for (const name of ['plausible', 'plausible.cmd'])
      expect(existsSync(join(root, 'build/bin', name))).toBe(true)
    expect(statSync(join(root, 'build/bin/plausible')).mode & 0o111).not.toBe(0)
    expect(existsSync(join(root, 'build/tray/tray-normal.png'))).toBe(true)
  })

  it('names the binaries the launchers run: plausible-desktop on Linux, the product name on macOS and Windows', () => {
    expect(parsed.linux.executableName).toBe('plausible-desktop')
    expect(launcher).toContain(`binary="$resources/../${parsed.linux.executableName}"`)
    expect(launcher).toContain(`binary="$resources/../MacOS/${parsed.productName}"`)
    expect(windowsLauncher).toContain(`"%~dp0..\\..\\${parsed.productName}.exe"`)
  })

  it('packs the CLI where the launchers look for it: out/main/cli.js inside app.asar', () => {
    expect(parsed.files).toContain('out/**/*')
    expect(launcher).toContain('"$resources/app.asar/out/main/cli.js"')
    expect(windowsLauncher).toContain('"%~dp0..\\app.asar\\out\\main\\cli.js"')
    expect(packageJson.main).toBe('./out/main/index.js')
  })

  it("unpacks keytar's native module from the archive", () => {
    // Optional: npm ci must not fail where its native build cannot run (no libsecret headers).
    expect(packageJson.optionalDependencies.keytar).toBeDefined()
    expect(packageJson.dependencies.keytar).toBeUndefined()
    expect(parsed.asarUnpack).toEqual(['**/node_modules/keytar/**/*.node'])
  })

  it('flips the fuses: no NODE_OPTIONS or inspect, asar integrity and cookie encryption on; RunAsNode only for the launchers', () => {
    expect(parsed.electronFuses).toEqual({
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: true,
    })
    // RunAsNode stays on only because the launchers need it: each one runs the binary that way.
    expect(launcher).toContain('ELECTRON_RUN_AS_NODE=1')
    expect(windowsLauncher).toContain('ELECTRON_RUN_AS_NODE')
  })

  it('is what npm run dist builds with, after the electron-vite build', () => {
    expect(packageJson.scripts.dist).toBe(
      'electron-vite build && npx --yes electron-builder --config build/electron-builder.config.cjs',
    )
  })
})
