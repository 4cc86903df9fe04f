#!/usr/bin/env pwsh
# LeadGrid build script for PowerShell: ./build.ps1 build | test | run | migrate <up|down N|list>
# A thin mirror of build.sh, which holds the logic (the embedded PostgreSQL, the test cluster, the summary line).
# Where bash is available (Linux, macOS, WSL, Git Bash) it simply runs build.sh. Without bash it runs the same dotnet
# commands against a database you provide: ConnectionStrings__LeadGrid for run and migrate, LEADGRID_TEST_CONNECTION
# for test.
param(
    [Parameter(Position = 0)][ValidateSet('build', 'test', 'run', 'migrate')][string]$Target = 'build',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)][string[]]$Rest = @()
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$config = if ($env:CONFIGURATION) { $env:CONFIGURATION } else { 'Release' }

if (Get-Command bash -ErrorAction SilentlyContinue) {
    & bash ./build.sh $Target @Rest
    exit $LASTEXITCODE
}

function Require-Env([string]$name) {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "Without bash there is no embedded PostgreSQL: set $name to a PostgreSQL 15+ connection string."
    }
}

switch ($Target) {
    'build' { dotnet build LeadGrid.sln -c $config -nologo @Rest; exit $LASTEXITCODE }
    'test' {
        Require-Env 'LEADGRID_TEST_CONNECTION'
        dotnet build LeadGrid.sln -c $config -nologo; if ($LASTEXITCODE) { exit $LASTEXITCODE }
        $status = 0
        foreach ($project in Get-ChildItem tests/*/*.csproj) {
            dotnet test $project.FullName -c $config --no-build -nologo @Rest
            if ($LASTEXITCODE) { $status = $LASTEXITCODE }
        }
        exit $status
    }
    'run' {
        Require-Env 'ConnectionStrings__LeadGrid'
        dotnet run --project src/Api -c $config -- --urls http://127.0.0.1:5080 @Rest; exit $LASTEXITCODE
    }
    'migrate' {
        Require-Env 'ConnectionStrings__LeadGrid'
        $command = if ($Rest.Count) { $Rest } else { @('up') }
        dotnet run --project migrations -c $config -- @command; exit $LASTEXITCODE
    }
}
