// The HTML report's element tree (shared/report/html-tree.ts) as React elements: the window shows the very
// markup and styles of the exported file. Styles go through React's style prop (the CSSOM), which the
// window's CSP allows, where style attributes in markup (an iframe's srcdoc) would be refused.
import { createElement, type ReactNode } from 'react'
import type { TreeNode } from '../../../../shared/report/html-tree'

/** HTML and SVG attribute names as React spells them. */
const reactNames: Record<string, string> = {
  cellpadding: 'cellPadding',
  cellspacing: 'cellSpacing',
  colspan: 'colSpan',
  'stroke-width': 'strokeWidth',
  'stroke-linejoin': 'strokeLinejoin',
  'stroke-linecap': 'strokeLinecap',
  'stroke-dasharray': 'strokeDasharray',
  'fill-opacity': 'fillOpacity',
  'text-anchor': 'textAnchor',
  'font-size': 'fontSize',
}

export function treeToReact(node: TreeNode, key?: number): ReactNode {
  if (typeof node === 'string') return node
  const props: Record<string, unknown> = key === undefined ? {} : { key }
  for (const [name, value] of Object.entries(node.attrs ?? {})) props[reactNames[name] ?? name] = value
  if (node.style) props.style = node.style
  const children = (node.children ?? []).map((child, index) => treeToReact(child, index))
  return createElement(node.tag, props, ...children)
}
