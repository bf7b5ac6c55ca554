// Imported first into Electronegativity (node --import): its CSV report is written by two fs.writeFile calls at once — the
// header with flag 'w' and the findings with flag 'a' — so on a busy machine the header's truncation can
// land after the findings and drop some or all of them (a scan that reported 2 or 6 of 10 findings).
// Each file's writes are chained here in the order they were asked for.
import fs from 'node:fs'

const original = fs.writeFile
const last = new Map()
fs.writeFile = function writeFileInOrder(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback
  const opts = typeof options === 'function' ? undefined : options
  const key = String(file)
  const previous = last.get(key) ?? Promise.resolve()
  const next = previous.then(
    () =>
      new Promise((resolve) =>
        original.call(fs, file, data, opts ?? {}, (error) => {
          resolve()
          if (done) done(error)
        }),
      ),
  )
  last.set(key, next)
}
