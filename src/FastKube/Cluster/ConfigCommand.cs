using System.CommandLine;

namespace FastKube.Cluster;

/// <summary><c>fastkube config defaults</c> prints every default; <c>fastkube config validate FILE</c> checks a file.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var defaults = new Command("defaults", "Print the default ClusterConfiguration as YAML.");
        defaults.SetAction(_ =>
        {
            Console.Write(ClusterConfigurationFile.Render(new ClusterConfiguration()));
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "The ClusterConfiguration YAML file to check." };
        var validate = new Command("validate", "Check a ClusterConfiguration file; every error names the field, the value and what is allowed.") { file };
        validate.SetAction(parse =>
        {
            var (_, errors) = ClusterConfigurationFile.Load(parse.GetValue(file)!.FullName);
            foreach (var error in errors)
            {
                Console.Error.WriteLine(error);
            }

            if (errors.Count == 0)
            {
                Console.WriteLine($"{parse.GetValue(file)!.FullName}: valid");
            }

            return errors.Count == 0 ? 0 : 1;
        });

        return new Command("config", "Inspect and check configuration files.") { defaults, validate };
    }
}
