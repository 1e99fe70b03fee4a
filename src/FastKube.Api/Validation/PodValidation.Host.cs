using FastKube.Api.Core;

namespace FastKube.Api.Validation;

/// <summary>
/// The pod-level settings around the containers: DNS configuration, host aliases, readiness and
/// scheduling gates, OS and the user/group ids of security contexts.
/// </summary>
internal static partial class PodValidation
{
    private const int MaxDnsNameservers = 3;
    private const int MaxDnsSearchPaths = 32;
    private const int MaxDnsSearchListChars = 2048;
    private static readonly string[] OperatingSystems = ["linux", "windows"];

    private static void ValidatePodHostSettings(PodSpec spec, FieldPath path, FieldErrorList errs)
    {
        ValidateDnsConfig(spec.DnsConfig, spec.DnsPolicy, path.Child("dnsConfig"), errs);
        if (spec.HostAliases is { } aliases)
        {
            var ap = path.Child("hostAliases");
            for (var i = 0; i < aliases.Count; i++)
            {
                errs.InvalidEach(ap.Index(i).Child("ip"), aliases[i].IP ?? "", NameRules.IsValidIP(aliases[i].IP ?? ""));
                var hostnames = aliases[i].Hostnames ?? [];
                for (var j = 0; j < hostnames.Count; j++)
                {
                    Checks.Dns1123Subdomain(hostnames[j] ?? "", ap.Index(i).Child("hostnames").Index(j), errs);
                }
            }
        }

        if (spec.ReadinessGates is { } gates)
        {
            for (var i = 0; i < gates.Count; i++)
            {
                Checks.QualifiedName(gates[i].ConditionType ?? "", path.Child("readinessGates").Index(i).Child("conditionType"), errs);
            }
        }

        if (spec.SchedulingGates is { } schedulingGates)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < schedulingGates.Count; i++)
            {
                var name = schedulingGates[i].Name ?? "";
                var gp = path.Child("schedulingGates").Index(i);
                Checks.QualifiedName(name, gp, errs);
                if (!seen.Add(name))
                {
                    errs.Duplicate(gp, name);
                }
            }
        }

        if (spec.Os is { } os)
        {
            if (string.IsNullOrEmpty(os.Name))
            {
                errs.Required(path.Child("os").Child("name"));
            }

            if (Array.IndexOf(OperatingSystems, os.Name ?? "") < 0)
            {
                errs.NotSupported(path.Child("os").Child("name"), os.Name ?? "", OperatingSystems);
            }
        }

        if (spec.SecurityContext is { } psc)
        {
            var sp = path.Child("securityContext");
            Id(psc.RunAsUser, sp.Child("runAsUser"), errs);
            Id(psc.RunAsGroup, sp.Child("runAsGroup"), errs);
            Id(psc.FsGroup, sp.Child("fsGroup"), errs);
            if (psc.SupplementalGroups is { } groups)
            {
                for (var i = 0; i < groups.Count; i++)
                {
                    Id(groups[i], sp.Child("supplementalGroups").Index(i), errs);
                }
            }
        }
    }

    private static void ValidateDnsConfig(PodDNSConfig? config, string? dnsPolicy, FieldPath path, FieldErrorList errs)
    {
        if (dnsPolicy == "None")
        {
            if (config is null)
            {
                errs.Required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
                return;
            }

            if (config.Nameservers is not { Count: > 0 })
            {
                errs.Required(path.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None");
                return;
            }
        }

        if (config is null)
        {
            return;
        }

        var nameservers = config.Nameservers ?? [];
        if (nameservers.Count > MaxDnsNameservers)
        {
            errs.Invalid(path.Child("nameservers"), nameservers, "must not have more than 3 nameservers");
        }

        for (var i = 0; i < nameservers.Count; i++)
        {
            errs.InvalidEach(path.Child("nameservers").Index(i), nameservers[i] ?? "", NameRules.IsValidIP(nameservers[i] ?? ""));
        }

        var searches = config.Searches ?? [];
        if (searches.Count > MaxDnsSearchPaths)
        {
            errs.Invalid(path.Child("searches"), searches, "must not have more than 32 search paths");
        }

        if (searches.Sum(s => s?.Length ?? 0) + Math.Max(0, searches.Count - 1) > MaxDnsSearchListChars)
        {
            errs.Invalid(path.Child("searches"), searches, "must not have more than 2048 characters (including spaces) in the search list");
        }

        for (var i = 0; i < searches.Count; i++)
        {
            // A trailing dot (fully qualified) is fine, and "." alone means "no search".
            var search = searches[i] ?? "";
            if (search != ".")
            {
                Checks.Dns1123Subdomain(search.EndsWith('.') ? search[..^1] : search, path.Child("searches").Index(i), errs);
            }
        }

        if (config.Options is { } options)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (string.IsNullOrEmpty(options[i].Name))
                {
                    errs.Required(path.Child("options").Index(i), "must not be empty");
                }
            }
        }
    }

    /// <summary>Upstream's IsValidUserID/IsValidGroupID: a non-negative int32.</summary>
    private static void Id(long? id, FieldPath path, FieldErrorList errs)
    {
        if (id is < 0 or > int.MaxValue)
        {
            errs.Invalid(path, id.Value, NameRules.InclusiveRangeError(0, int.MaxValue));
        }
    }

    private static void ValidateContainerSecurityContext(SecurityContext? sc, FieldPath path, FieldErrorList errs)
    {
        if (sc is null)
        {
            return;
        }

        Id(sc.RunAsUser, path.Child("runAsUser"), errs);
        Id(sc.RunAsGroup, path.Child("runAsGroup"), errs);
        if (sc.AllowPrivilegeEscalation == false && sc.Privileged == true)
        {
            errs.Invalid(path, new GoValue("&core.SecurityContext{...}"), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
        }
    }
}
