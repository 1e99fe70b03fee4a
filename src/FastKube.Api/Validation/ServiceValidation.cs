using System.Globalization;
using FastKube.Api.Core;

namespace FastKube.Api.Validation;

/// <summary>Service validation after upstream's ValidateService and ValidateServiceUpdate.</summary>
internal static class ServiceValidation
{
    /// <summary>Upstream's MaxClientIPServiceAffinitySeconds (one day).</summary>
    public const int MaxClientIPServiceAffinitySeconds = 86400;

    private const int KubeletPort = 10250;
    private static readonly string[] ServiceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] SessionAffinities = ["ClientIP", "None"];
    private static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    private static readonly string[] IPFamilies = ["IPv4", "IPv6"];
    private static readonly string[] IPFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];
    private static readonly FieldPath Spec = FieldPath.Root("spec");

    public static void Validate(Service service, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(service.Metadata, true, MetaValidation.Dns1035Label, errs);
        var spec = service.Spec ?? new ServiceSpec();
        var ports = spec.Ports ?? [];
        var headless = spec.ClusterIP == "None";
        if (ports.Count == 0 && !headless && spec.Type != "ExternalName")
        {
            errs.Required(Spec.Child("ports"));
        }

        switch (spec.Type)
        {
            case "LoadBalancer":
                if (headless)
                {
                    errs.Invalid(Spec.Child("clusterIP"), spec.ClusterIP, "may not be set to 'None' for LoadBalancer services");
                }

                for (var i = 0; i < ports.Count; i++)
                {
                    if (ports[i].Port == KubeletPort)
                    {
                        errs.Invalid(Spec.Child("ports").Index(i), KubeletPort, "may not expose port 10250 externally since it is used by kubelet");
                    }
                }

                break;
            case "NodePort":
                if (headless)
                {
                    errs.Invalid(Spec.Child("clusterIP"), spec.ClusterIP, "may not be set to 'None' for NodePort services");
                }

                break;
            case "ExternalName":
                if (spec.ClusterIPs is { Count: > 0 })
                {
                    errs.Forbidden(Spec.Child("clusterIPs"), "may not be set for ExternalName services");
                }

                if (spec.IPFamilies is { Count: > 0 })
                {
                    errs.Forbidden(Spec.Child("ipFamilies"), "may not be set for ExternalName services");
                }

                if (spec.IPFamilyPolicy is not null)
                {
                    errs.Forbidden(Spec.Child("ipFamilyPolicy"), "may not be set for ExternalName services");
                }

                // A trailing dot marks the CNAME as fully qualified.
                var cname = (spec.ExternalName ?? "").TrimEnd('.');
                if (cname.Length > 0)
                {
                    Checks.Dns1123Subdomain(cname, Spec.Child("externalName"), errs);
                }
                else
                {
                    errs.Required(Spec.Child("externalName"));
                }

                break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            ValidatePort(ports[i], ports.Count > 1, names, Spec.Child("ports").Index(i), errs);
        }

        MetaValidation.ValidateLabels(spec.Selector, Spec.Child("selector"), errs);
        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            errs.Required(Spec.Child("sessionAffinity"));
        }
        else if (Array.IndexOf(SessionAffinities, spec.SessionAffinity) < 0)
        {
            errs.NotSupported(Spec.Child("sessionAffinity"), spec.SessionAffinity, SessionAffinities);
        }

        if (spec.SessionAffinity == "ClientIP")
        {
            ValidateClientIPConfig(spec.SessionAffinityConfig, Spec.Child("sessionAffinityConfig"), errs);
        }
        else if (spec.SessionAffinity == "None" && spec.SessionAffinityConfig is not null)
        {
            errs.Forbidden(Spec.Child("sessionAffinityConfig"), "must not be set when session affinity is None");
        }

        ValidateClusterIPs(spec, errs);
        if (spec.ExternalIPs is not null)
        {
            for (var i = 0; i < spec.ExternalIPs.Count; i++)
            {
                errs.InvalidEach(Spec.Child("externalIPs").Index(i), spec.ExternalIPs[i], NameRules.IsValidIP(spec.ExternalIPs[i] ?? ""));
            }
        }

        if (string.IsNullOrEmpty(spec.Type))
        {
            errs.Required(Spec.Child("type"));
        }
        else if (Array.IndexOf(ServiceTypes, spec.Type) < 0)
        {
            errs.NotSupported(Spec.Child("type"), spec.Type, ServiceTypes);
        }

        ValidateNodePorts(spec, ports, errs);
        if (spec.LoadBalancerSourceRanges is { Count: > 0 } ranges)
        {
            var rangesPath = Spec.Child("loadBalancerSourceRanges");
            if (spec.Type != "LoadBalancer")
            {
                errs.Forbidden(rangesPath, "may only be used when `type` is 'LoadBalancer'");
            }

            for (var i = 0; i < ranges.Count; i++)
            {
                // Space padding is tolerated upstream, a leftover of the annotation this field replaced.
                var cidr = (ranges[i] ?? "").Trim();
                errs.InvalidEach(rangesPath.Index(i), cidr, NameRules.IsValidCIDR(cidr));
            }
        }

        var seen = new HashSet<(string?, int?)>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (!seen.Add((ports[i].Protocol, ports[i].Port)))
            {
                errs.Duplicate(Spec.Child("ports").Index(i), new GoValue(string.Create(CultureInfo.InvariantCulture,
                    $"core.ServicePort{{Name:\"\", Protocol:\"{ports[i].Protocol}\", AppProtocol:(*string)(nil), Port:{ports[i].Port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}")));
            }
        }

        ValidateTrafficPolicies(spec, errs);
    }

    private static void ValidatePort(ServicePort port, bool requireName, HashSet<string> names, FieldPath p, FieldErrorList errs)
    {
        if (requireName && string.IsNullOrEmpty(port.Name))
        {
            errs.Required(p.Child("name"));
        }
        else if (!string.IsNullOrEmpty(port.Name))
        {
            Checks.Dns1123Label(port.Name, p.Child("name"), errs);
            if (!names.Add(port.Name))
            {
                errs.Duplicate(p.Child("name"), port.Name);
            }
        }

        errs.InvalidEach(p.Child("port"), port.Port ?? 0, NameRules.IsValidPortNum(port.Port ?? 0));
        Checks.Protocol(port.Protocol, p.Child("protocol"), errs);
        Checks.PortNumOrName(port.TargetPort, p.Child("targetPort"), errs);
    }

    private static void ValidateClientIPConfig(SessionAffinityConfig? config, FieldPath path, FieldErrorList errs)
    {
        const string detail = "when session affinity type is ClientIP";
        if (config is null)
        {
            errs.Required(path, detail);
        }
        else if (config.ClientIP is null)
        {
            errs.Required(path.Child("clientIP"), detail);
        }
        else if (config.ClientIP.TimeoutSeconds is not { } timeout)
        {
            errs.Required(path.Child("clientIP").Child("timeoutSeconds"), detail);
        }
        else if (timeout is <= 0 or > MaxClientIPServiceAffinitySeconds)
        {
            errs.Invalid(path.Child("clientIP").Child("timeoutSeconds"), timeout, "must be greater than 0 and less than 86400");
        }
    }

    private static void ValidateClusterIPs(ServiceSpec spec, FieldErrorList errs)
    {
        if (spec.Type == "ExternalName")
        {
            return;
        }

        var clusterIP = spec.ClusterIP ?? "";
        if (clusterIP.Length > 0 && clusterIP != "None")
        {
            errs.InvalidEach(Spec.Child("clusterIP"), clusterIP, NameRules.IsValidIP(clusterIP));
        }

        if (spec.ClusterIPs is { Count: > 0 } clusterIPs)
        {
            if (clusterIPs[0] != clusterIP)
            {
                errs.Invalid(Spec.Child("clusterIPs"), new GoValue("[]string{\"" + string.Join("\", \"", clusterIPs) + "\"}"), "first value must match `clusterIP`");
            }

            for (var i = 1; i < clusterIPs.Count; i++)
            {
                if (clusterIPs[i] == "None")
                {
                    errs.Invalid(Spec.Child("clusterIPs").Index(i), clusterIPs[i], "must be empty when the first value is 'None'");
                }
                else
                {
                    errs.InvalidEach(Spec.Child("clusterIPs").Index(i), clusterIPs[i], NameRules.IsValidIP(clusterIPs[i] ?? ""));
                }
            }

            if (clusterIPs.Count > 2)
            {
                errs.Invalid(Spec.Child("clusterIPs"), clusterIPs, "may only hold up to 2 values");
            }
        }

        if (spec.IPFamilies is not null)
        {
            for (var i = 0; i < spec.IPFamilies.Count; i++)
            {
                if (Array.IndexOf(IPFamilies, spec.IPFamilies[i]) < 0)
                {
                    errs.NotSupported(Spec.Child("ipFamilies").Index(i), spec.IPFamilies[i], IPFamilies);
                }
            }
        }

        if (spec.IPFamilyPolicy is { } policy && Array.IndexOf(IPFamilyPolicies, policy) < 0)
        {
            errs.NotSupported(Spec.Child("ipFamilyPolicy"), policy, IPFamilyPolicies);
        }
    }

    private static void ValidateNodePorts(ServiceSpec spec, List<ServicePort> ports, FieldErrorList errs)
    {
        var seen = new HashSet<(string?, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].NodePort is not { } nodePort || nodePort == 0)
            {
                continue;
            }

            var p = Spec.Child("ports").Index(i).Child("nodePort");
            if (spec.Type == "ClusterIP")
            {
                errs.Forbidden(p, "may not be used when `type` is 'ClusterIP'");
            }
            else
            {
                errs.InvalidEach(p, nodePort, NameRules.IsValidPortNum(nodePort));
            }

            if (!seen.Add((ports[i].Protocol, nodePort)))
            {
                errs.Duplicate(p, nodePort);
            }
        }
    }

    private static void ValidateTrafficPolicies(ServiceSpec spec, FieldErrorList errs)
    {
        var external = spec.Type is "NodePort" or "LoadBalancer" || (spec.Type == "ClusterIP" && spec.ExternalIPs is { Count: > 0 });
        if (string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            if (external)
            {
                errs.Required(Spec.Child("externalTrafficPolicy"));
            }
        }
        else if (!external)
        {
            errs.Invalid(Spec.Child("externalTrafficPolicy"), spec.ExternalTrafficPolicy, "may only be set for externally-accessible services");
        }
        else if (Array.IndexOf(TrafficPolicies, spec.ExternalTrafficPolicy) < 0)
        {
            errs.NotSupported(Spec.Child("externalTrafficPolicy"), spec.ExternalTrafficPolicy, TrafficPolicies);
        }

        if (spec.HealthCheckNodePort is { } healthCheck and not 0)
        {
            if (spec.Type != "LoadBalancer" || spec.ExternalTrafficPolicy != "Local")
            {
                errs.Invalid(Spec.Child("healthCheckNodePort"), healthCheck, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
            }
            else
            {
                errs.InvalidEach(Spec.Child("healthCheckNodePort"), healthCheck, NameRules.IsValidPortNum(healthCheck));
            }
        }

        if (spec.InternalTrafficPolicy is null)
        {
            if (spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer")
            {
                errs.Required(Spec.Child("internalTrafficPolicy"));
            }
        }
        else if (Array.IndexOf(TrafficPolicies, spec.InternalTrafficPolicy) < 0)
        {
            errs.NotSupported(Spec.Child("internalTrafficPolicy"), spec.InternalTrafficPolicy, TrafficPolicies);
        }
    }

    /// <summary>
    /// ValidateServiceUpdate's identity rule: the primary cluster IP never changes once allocated,
    /// unless the service moves to or from ExternalName (which has none).
    /// </summary>
    public static void ValidateUpdate(Service next, Service old, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMetaUpdate(next.Metadata, old.Metadata, errs);
        Validate(next, errs);
        var nextSpec = next.Spec ?? new ServiceSpec();
        var oldSpec = old.Spec ?? new ServiceSpec();
        if (nextSpec.Type == "ExternalName" || oldSpec.Type == "ExternalName")
        {
            return;
        }

        var oldIP = oldSpec.ClusterIP ?? "";
        if (oldIP.Length > 0 && (nextSpec.ClusterIP ?? "") != oldIP)
        {
            errs.Invalid(Spec.Child("clusterIPs").Index(0), nextSpec.ClusterIP ?? "", "may not change once set");
        }
    }
}
