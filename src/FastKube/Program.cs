using System.CommandLine;
using FastKube.Bench;

var root = new RootCommand("FastKube: a fast, Kubernetes-compatible cluster.");
root.Subcommands.Add(BenchCommand.Create(BenchScenarios.All));
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
