@echo off
rem The `plausible` command of the packaged app on Windows: the bundled CLI on the app's own binary as Node.
setlocal
set "ELECTRON_RUN_AS_NODE=1"
"%~dp0..\..\Plausible Desktop.exe" "%~dp0..\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
