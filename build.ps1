#!/usr/bin/env pwsh
# LeadGrid build script for PowerShell: ./build.ps1 build | test | run | migrate <up|down N|list> | bench | lint | help
#
# build.sh holds the logic. Where bash is available (Linux, macOS, WSL, Git Bash) this script runs build.sh with the
# same arguments, so every target behaves exactly as it does there.
#
# Without bash it does less, and says so when asked:
#   - There is no embedded PostgreSQL: run and migrate need ConnectionStrings__LeadGrid, test needs
#     LEADGRID_TEST_CONNECTION (a database the tests may empty), each a PostgreSQL 15+ connection string.
#   - test installs nothing: the tests that need Node.js, redis-server or Chromium fail where those are missing.
#   - bench is not available (it starts a throwaway cluster and drives it with wrk and pgbench).
#   - lint needs Node.js and npm on the PATH.
param(
    [Parameter(Position = 0)][ValidateSet('build', 'test', 'run', 'migrate', 'bench', 'lint', 'help')][string]$Target = 'help',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)][string[]]$Rest = @()
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$config = if ($env:CONFIGURATION) { $env:CONFIGURATION } else { 'Release' }
$redoclyVersion = '2.77.0' # as in build.sh

$help = @'
Usage: ./build.ps1 <target> [arguments]

  run                         serve the API on $env:LEADGRID_URL (default http://127.0.0.1:5080)
  test [dotnet test options]  build and run every test; ends with "N passed, N failed"
  build                       build the solution ($env:CONFIGURATION, default Release)
  migrate [up | down <version> | list]
                              the migration runner
  bench [api | webhooks]      the benchmark harness (needs bash)
  lint                        check docs/openapi.v1.json against Redocly's recommended rules
  help                        this text

Where bash is available every target runs build.sh. Without bash there is no embedded PostgreSQL: run and migrate
need ConnectionStrings__LeadGrid, test needs LEADGRID_TEST_CONNECTION. See README.md.
'@
if ($Target -eq 'help') { Write-Output $help; exit 0 }

if (Get-Command bash -ErrorAction SilentlyContinue) {
    & bash ./build.sh $Target @Rest
    exit $LASTEXITCODE
}

function Require-Env([string]$name) {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "Without bash there is no embedded PostgreSQL: set $name to a PostgreSQL 15+ connection string."
    }
}

function Invoke-Lint {
    if (-not (Get-Command npm -ErrorAction SilentlyContinue)) { throw 'lint needs Node.js and npm on the PATH.' }
    $tools = Join-Path $PSScriptRoot '.leadgrid/tools'
    $versionFile = Join-Path $tools 'redocly.version'
    if (-not (Test-Path $versionFile) -or (Get-Content $versionFile) -ne $redoclyVersion) {
        npm install --prefix $tools --no-audit --no-fund --no-save --loglevel=error "@redocly/cli@$redoclyVersion"
        if ($LASTEXITCODE) { return $false }
        Set-Content $versionFile $redoclyVersion
    }
    $env:REDOCLY_TELEMETRY = 'off'
    $env:REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true'
    $redocly = Join-Path $tools 'node_modules/.bin/redocly'
    if ($IsWindows) { $redocly += '.cmd' }
    $out = & $redocly lint docs/openapi.v1.json --config redocly.yaml --format stylish --max-problems 1000 2>&1
    $ok = $LASTEXITCODE -eq 0
    $out | Where-Object { $_ -notmatch '^\s*[╔║╚]' -and $_.ToString().Trim() } | Write-Host
    # Redocly fails on errors only; warnings count as failures here too, as in build.sh.
    return $ok -and -not ($out | Where-Object { $_ -match '^\s+\d+:\d+\s+warning' })
}

switch ($Target) {
    'build' { dotnet build LeadGrid.sln -c $config -nologo @Rest; exit $LASTEXITCODE }
    'test' {
        Require-Env 'LEADGRID_TEST_CONNECTION'
        dotnet build LeadGrid.sln -c $config -nologo
        if ($LASTEXITCODE) { Write-Output '0 passed, 1 failed'; exit 1 }
        $status = 0
        $results = Join-Path ([IO.Path]::GetTempPath()) ("leadgrid-test-" + [Guid]::NewGuid().ToString('N'))
        foreach ($project in Get-ChildItem tests/*/*.csproj) {
            dotnet test $project.FullName -c $config --no-build -nologo --logger "trx;LogFileName=$($project.BaseName).trx" `
                --logger 'console;verbosity=minimal' --results-directory $results @Rest
            if ($LASTEXITCODE) { $status = $LASTEXITCODE }
        }
        $passed = 0; $failed = 0
        foreach ($trx in Get-ChildItem $results -Filter *.trx -ErrorAction SilentlyContinue) {
            $counters = ([xml](Get-Content $trx.FullName)).TestRun.ResultSummary.Counters
            $passed += [int]$counters.passed; $failed += [int]$counters.failed
        }
        Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
        if (Invoke-Lint) { $passed++ } else { $failed++; $status = 1 }
        if ($status -ne 0 -and $failed -eq 0) { $failed = 1 }
        Write-Output "$passed passed, $failed failed"
        exit $status
    }
    'run' {
        Require-Env 'ConnectionStrings__LeadGrid'
        $url = if ($env:LEADGRID_URL) { $env:LEADGRID_URL } else { 'http://127.0.0.1:5080' }
        dotnet run --project src/Api -c $config -- --urls $url @Rest; exit $LASTEXITCODE
    }
    'migrate' {
        Require-Env 'ConnectionStrings__LeadGrid'
        $command = @(if ($Rest.Count) { $Rest } else { 'up' }) # @(…): one argument stays an array, not its characters
        dotnet run --project migrations -c $config -- @command --connection $env:ConnectionStrings__LeadGrid; exit $LASTEXITCODE
    }
    'bench' { throw 'bench needs bash (it starts a throwaway cluster and drives it with wrk and pgbench): run ./build.sh bench.' }
    'lint' { if (Invoke-Lint) { exit 0 } else { exit 1 } }
}
