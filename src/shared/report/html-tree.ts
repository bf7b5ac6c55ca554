// A small element tree for the HTML report: serialized to text for the file (every value escaped), and
// turned into React elements by the window, so the window shows the very markup and styles the file holds
// (React sets styles through the CSSOM, which the window's CSP allows; style attributes in markup it forbids).

export type Style = Record<string, string>

export interface ElementNode {
  tag: string
  /** HTML (and SVG) attribute names as written in markup: cellpadding, viewBox, stroke-width. */
  attrs?: Record<string, string | number>
  /** camelCase properties (React's names); the serializer writes them as CSS declarations. */
  style?: Style
  children?: TreeNode[]
}

export type TreeNode = ElementNode | string

export function h(
  tag: string,
  options: { attrs?: Record<string, string | number>; style?: Style } = {},
  ...children: TreeNode[]
): ElementNode {
  return { tag, ...options, children }
}

const voidTags = new Set(['br', 'meta', 'hr', 'img', 'col', 'link'])

/** Text and attribute values: `&`, `<`, `>`, `"` and `'` as entities, so no value can open a tag or end an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  )
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

export function styleText(style: Style): string {
  return Object.entries(style)
    .map(([name, value]) => `${kebab(name)}:${value}`)
    .join(';')
}

export function serialize(node: TreeNode): string {
  if (typeof node === 'string') return escapeHtml(node)
  const attrs = Object.entries(node.attrs ?? {}).map(
    ([name, value]) => ` ${name}="${escapeHtml(String(value))}"`,
  )
  if (node.style && Object.keys(node.style).length > 0)
    attrs.push(` style="${escapeHtml(styleText(node.style))}"`)
  const open = `<${node.tag}${attrs.join('')}>`
  if (voidTags.has(node.tag)) return open
  return `${open}${(node.children ?? []).map(serialize).join('')}</${node.tag}>`
}
