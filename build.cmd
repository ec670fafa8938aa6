@echo off
:: Runs the build on Windows. The fast path of build.sh (skip MSBuild when nothing changed) is not repeated here.
setlocal
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set KILN_ROOT_DIRECTORY=%~dp0
dotnet run --project "%~dp0build\_build.csproj" -- %*
