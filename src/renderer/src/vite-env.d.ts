// Vite's client types: lets the renderer import its stylesheet and assets.
/// <reference types="vite/client" />
