using System.CommandLine;
using FastKube.Agent;
using FastKube.Bench;
using FastKube.Bench.L4;
using FastKube.Cluster;
using FastKube.Components;

var root = new RootCommand("FastKube: a fast, Kubernetes-compatible cluster.");
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(ControllerManagerCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(SchedulerCommand.Create());
root.Subcommands.Add(AgentCommand.Create());
root.Subcommands.Add(ImagesCommand.Create());
root.Subcommands.Add(BenchCommand.Create(BenchScenarios.All));
root.Subcommands.Add(BalancerBenchServerCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
