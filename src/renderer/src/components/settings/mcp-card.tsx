// Settings → Agents (MCP): the snippet each MCP client (Claude Desktop, VS Code, Cursor) needs to start
// `plausible mcp` on this machine, with a copy button. The snippets come from mcp.config, built by the same
// code as `plausible mcp --print-config`, so the window and the CLI never disagree.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { mcpClients, type McpClient } from '../../../../shared/mcp/client-config'
import { useApi } from '../../api/client'

const clientLabels: Record<McpClient, string> = {
  claude: 'Claude Desktop',
  vscode: 'VS Code',
  cursor: 'Cursor',
}

type CopyState = 'idle' | 'copied' | 'failed'

export function McpCard(): React.JSX.Element {
  const api = useApi()
  const config = useQuery({
    queryKey: ['mcp.config', {}] as const,
    queryFn: () => api['mcp.config']({}),
    staleTime: Number.POSITIVE_INFINITY,
  })
  const [client, setClient] = useState<McpClient>('claude')
  const [copy, setCopy] = useState<CopyState>('idle')
  const shown = config.data?.clients.find((entry) => entry.client === client)

  const choose = (next: McpClient): void => {
    setClient(next)
    setCopy('idle')
  }
  const copySnippet = async (): Promise<void> => {
    if (!shown) return
    try {
      await navigator.clipboard.writeText(shown.snippet)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <section className="card" data-testid="mcp-card" aria-labelledby="mcp-title">
      <div className="card__head">
        <h2 id="mcp-title" className="card__title">
          Agents (MCP)
        </h2>
      </div>
      <p className="card__intro">
        Let an AI agent read your stats through <code>plausible mcp</code>: read-only tools for stats, sites,
        goals and this budget, on the same hourly budget as this window and the tray. Paste the snippet into
        the client’s config and restart it. Add <code>--max-requests 50</code> to the arguments to cap what an
        agent may spend in an hour, or <code>--allow-writes</code> to let it change data.
      </p>
      <div
        className="segmented"
        role="radiogroup"
        aria-label="MCP client"
        data-testid="mcp-client"
        data-value={client}
      >
        {mcpClients.map((option) => (
          <button
            type="button"
            key={option}
            role="radio"
            aria-checked={option === client}
            className={option === client ? 'segmented__item segmented__item--on' : 'segmented__item'}
            data-testid={`mcp-client-${option}`}
            onClick={() => choose(option)}
          >
            {clientLabels[option]}
          </button>
        ))}
      </div>
      {config.error ? (
        <p className="explain" data-testid="mcp-error">
          The snippet could not be read: {config.error.message}
        </p>
      ) : null}
      {shown ? (
        <>
          <label className="field field--wide">
            <span>In {shown.file}</span>
            <textarea
              readOnly
              data-testid="mcp-snippet"
              rows={shown.snippet.split('\n').length}
              value={shown.snippet}
              onFocus={(event) => event.currentTarget.select()}
            />
          </label>
          <div className="form__foot">
            <button
              type="button"
              className="button"
              data-testid="mcp-copy"
              onClick={() => void copySnippet()}
            >
              Copy
            </button>
            <span className="explain" role="status" data-testid="mcp-copy-status">
              {copy === 'copied'
                ? 'Copied.'
                : copy === 'failed'
                  ? 'The clipboard refused it: select the text and copy it.'
                  : ''}
            </span>
          </div>
        </>
      ) : null}
    </section>
  )
}
