// Entry of the renderer bundle: picks the transport once and mounts the app.
import './zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createRendererApi } from './api/client'
import { App } from './app'
import { applyTheme, readTheme } from './theme'

applyTheme(readTheme())

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App api={createRendererApi()} />
  </StrictMode>,
)
