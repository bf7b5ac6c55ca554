// Unit-suite setup. Only tests under test/unit/main mock `electron` (in their own files, through
// test/helpers/electron-mock.ts); everything else runs the real code with no mocks of ours.
process.env.TZ ??= 'UTC'
