using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Policy;

namespace FastKube.Api.Validation;

/// <summary>
/// The smaller kinds: Namespace, Node, ServiceAccount, Event, Lease, PodDisruptionBudget and
/// EndpointSlice, each after its upstream validation function.
/// </summary>
internal static class ClusterValidation
{
    private const int MaxEndpoints = 1000;
    private const int MaxAddresses = 100;
    private const int MaxPorts = 20000;
    private const int EventFieldLengthLimit = 128;
    private const int EventNoteLengthLimit = 1024;
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];
    private static readonly string[] UnhealthyPodEvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];
    private static readonly FieldPath Spec = FieldPath.Root("spec");

    public static void ValidateNamespace(Namespace ns, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(ns.Metadata, false, MetaValidation.DnsLabel, errs);
        if (ns.Spec?.Finalizers is { } finalizers)
        {
            var path = Spec.Child("finalizers");
            foreach (var f in finalizers)
            {
                var name = f ?? "";
                Checks.QualifiedName(name, path, errs);
                if (!name.Contains('/', StringComparison.Ordinal) && name is not ("kubernetes" or "orphan" or "foregroundDeletion"))
                {
                    errs.Invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified");
                }
            }
        }
    }

    public static void ValidateNode(Node node, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(node.Metadata, false, MetaValidation.DnsSubdomain, errs);
        var spec = node.Spec ?? new NodeSpec();
        PodValidation.ValidateTaints(spec.Taints, Spec.Child("taints"), errs);
        if (!string.IsNullOrEmpty(spec.PodCIDR))
        {
            errs.InvalidEach(Spec.Child("podCIDR"), spec.PodCIDR, NameRules.IsValidCIDR(spec.PodCIDR));
        }

        if (spec.PodCIDRs is { } cidrs)
        {
            for (var i = 0; i < cidrs.Count; i++)
            {
                errs.InvalidEach(Spec.Child("podCIDRs").Index(i), cidrs[i], NameRules.IsValidCIDR(cidrs[i] ?? ""));
            }

            if (cidrs.Count > 0 && !string.IsNullOrEmpty(spec.PodCIDR) && cidrs[0] != spec.PodCIDR)
            {
                errs.Invalid(Spec.Child("podCIDRs"), cidrs, "first value must match `podCIDR`");
            }
        }
    }

    public static void ValidateServiceAccount(ServiceAccount sa, FieldErrorList errs) =>
        MetaValidation.ValidateObjectMeta(sa.Metadata, true, MetaValidation.DnsSubdomain, errs);

    /// <summary>
    /// Upstream's legacyValidateEvent (what core/v1 Events get): namespaces must agree, and
    /// events with an eventTime need the series fields the events.k8s.io API requires.
    /// </summary>
    public static void ValidateEvent(Event ev, FieldErrorList errs)
    {
        var ns = ev.Metadata?.Namespace ?? "";
        var involvedNs = ev.InvolvedObject?.Namespace ?? "";
        var involvedPath = FieldPath.Root("involvedObject").Child("namespace");
        if (ev.EventTime is null)
        {
            if (involvedNs.Length == 0 ? ns is not ("" or "default") : ns != involvedNs)
            {
                errs.Invalid(involvedPath, involvedNs, "does not match event.namespace");
            }
        }
        else
        {
            if (involvedNs.Length == 0 && ns is not ("default" or "kube-system"))
            {
                errs.Invalid(involvedPath, involvedNs, "does not match event.namespace");
            }

            var controller = FieldPath.Root("reportingComponent");
            if (string.IsNullOrEmpty(ev.ReportingComponent))
            {
                errs.Required(controller);
            }

            Checks.QualifiedName(ev.ReportingComponent ?? "", controller, errs);
            RequiredBounded(ev.ReportingInstance, "reportingInstance", EventFieldLengthLimit, errs);
            RequiredBounded(ev.Action, "action", EventFieldLengthLimit, errs);
            RequiredBounded(ev.Reason, "reason", EventFieldLengthLimit, errs);
            if ((ev.Message?.Length ?? 0) > EventNoteLengthLimit)
            {
                errs.Invalid(FieldPath.Root("message"), "", "can have at most 1024 characters");
            }

            if (ev.Type is not ("Normal" or "Warning"))
            {
                errs.Invalid(FieldPath.Root("type"), "", "has invalid value: " + ev.Type);
            }
        }

        errs.InvalidEach(FieldPath.Root("namespace"), ns, NameRules.IsDNS1123Subdomain(ns));
    }

    private static void RequiredBounded(string? value, string field, int limit, FieldErrorList errs)
    {
        var path = FieldPath.Root(field);
        if (string.IsNullOrEmpty(value))
        {
            errs.Required(path);
        }
        else if (value.Length > limit)
        {
            errs.Invalid(path, "", "can have at most 128 characters");
        }
    }

    public static void ValidateLease(Lease lease, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(lease.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var spec = lease.Spec ?? new LeaseSpec();
        if (spec.LeaseDurationSeconds is <= 0)
        {
            errs.Invalid(Spec.Child("leaseDurationSeconds"), spec.LeaseDurationSeconds.Value, "must be greater than 0");
        }

        if (spec.LeaseTransitions is < 0)
        {
            errs.Invalid(Spec.Child("leaseTransitions"), spec.LeaseTransitions.Value, "must be greater than or equal to 0");
        }

        if (!string.IsNullOrEmpty(spec.PreferredHolder) && string.IsNullOrEmpty(spec.Strategy))
        {
            errs.Forbidden(Spec.Child("preferredHolder"), "may only be specified if `strategy` is defined");
        }
    }

    /// <summary>Upstream allows at most one of minAvailable/maxUnavailable (neither is also valid).</summary>
    public static void ValidatePodDisruptionBudget(PodDisruptionBudget pdb, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(pdb.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var spec = pdb.Spec ?? new PodDisruptionBudgetSpec();
        if (spec.MinAvailable is not null && spec.MaxUnavailable is not null)
        {
            errs.Invalid(Spec, new GoValue("policy.PodDisruptionBudgetSpec{...}"), "minAvailable and maxUnavailable cannot be both set");
        }

        Checks.PositiveIntOrPercent(spec.MinAvailable, Spec.Child("minAvailable"), errs);
        Checks.NotMoreThan100Percent(spec.MinAvailable, Spec.Child("minAvailable"), errs);
        Checks.PositiveIntOrPercent(spec.MaxUnavailable, Spec.Child("maxUnavailable"), errs);
        Checks.NotMoreThan100Percent(spec.MaxUnavailable, Spec.Child("maxUnavailable"), errs);
        MetaValidation.ValidateLabelSelector(spec.Selector, Spec.Child("selector"), errs);
        if (spec.UnhealthyPodEvictionPolicy is { } policy && Array.IndexOf(UnhealthyPodEvictionPolicies, policy) < 0)
        {
            errs.NotSupported(Spec.Child("unhealthyPodEvictionPolicy"), policy, UnhealthyPodEvictionPolicies);
        }
    }

    public static void ValidateEndpointSlice(EndpointSlice slice, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(slice.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var addressType = slice.AddressType ?? "";
        ValidateEndpoints(slice.Endpoints, addressType, FieldPath.Root("endpoints"), errs);
        ValidateSlicePorts(slice.Ports, FieldPath.Root("ports"), errs);
        if (addressType.Length == 0)
        {
            errs.Required(FieldPath.Root("addressType"));
        }
        else if (Array.IndexOf(AddressTypes, addressType) < 0)
        {
            errs.NotSupported(FieldPath.Root("addressType"), addressType, AddressTypes);
        }
    }

    private static void ValidateEndpoints(List<Endpoint>? endpoints, string addressType, FieldPath path, FieldErrorList errs)
    {
        if (endpoints is null)
        {
            return;
        }

        if (endpoints.Count > MaxEndpoints)
        {
            errs.TooMany(path, endpoints.Count, MaxEndpoints);
            return;
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            var addressesPath = path.Index(i).Child("addresses");
            var addresses = endpoint.Addresses ?? [];
            if (addresses.Count == 0)
            {
                errs.Required(addressesPath, "must contain at least 1 address");
            }
            else if (addresses.Count > MaxAddresses)
            {
                errs.TooMany(addressesPath, addresses.Count, MaxAddresses);
            }

            for (var a = 0; a < addresses.Count; a++)
            {
                var address = addresses[a] ?? "";
                var ap = addressesPath.Index(a);
                switch (addressType)
                {
                    case "IPv4":
                        if (!IPText.IsIPv4(address))
                        {
                            errs.Invalid(ap, address, "must be a valid IPv4 address");
                        }
                        else
                        {
                            SpecialIP.Validate(address, ap, errs);
                        }

                        break;
                    case "IPv6":
                        if (!IPText.IsIPv6(address))
                        {
                            errs.Invalid(ap, address, "must be a valid IPv6 address");
                        }
                        else
                        {
                            SpecialIP.Validate(address, ap, errs);
                        }

                        break;
                    case "FQDN":
                        ValidateFqdn(address, ap, errs);
                        break;
                }
            }

            if (endpoint.NodeName is { } nodeName)
            {
                Checks.Dns1123Subdomain(nodeName, path.Index(i).Child("nodeName"), errs);
            }

            if (endpoint.Hostname is { } hostname)
            {
                Checks.Dns1123Label(hostname, path.Index(i).Child("hostname"), errs);
            }
        }
    }

    private static void ValidateFqdn(string name, FieldPath path, FieldErrorList errs)
    {
        if (name.Length == 0)
        {
            errs.Required(path);
            return;
        }

        name = name.EndsWith('.') ? name[..^1] : name;
        var msgs = NameRules.IsDNS1123Subdomain(name);
        if (msgs.Count > 0)
        {
            errs.Invalid(path, name, string.Join(",", msgs));
            return;
        }

        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            errs.Invalid(path, name, "should be a domain with at least two segments separated by dots");
            return;
        }

        foreach (var label in labels)
        {
            var labelMsgs = NameRules.IsDNS1123Label(label);
            if (labelMsgs.Count > 0)
            {
                errs.Invalid(path, label, string.Join(",", labelMsgs));
                return;
            }
        }
    }

    private static void ValidateSlicePorts(List<Discovery.EndpointPort>? ports, FieldPath path, FieldErrorList errs)
    {
        if (ports is null)
        {
            return;
        }

        if (ports.Count > MaxPorts)
        {
            errs.TooMany(path, ports.Count, MaxPorts);
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = path.Index(i);
            var name = ports[i].Name ?? "";
            if (name.Length > 0)
            {
                Checks.Dns1123Label(name, p.Child("name"), errs);
            }

            if (!names.Add(name))
            {
                errs.Duplicate(p.Child("name"), name);
            }

            if (ports[i].Protocol is null)
            {
                errs.Required(p.Child("protocol"));
            }
            else
            {
                Checks.Protocol(ports[i].Protocol, p.Child("protocol"), errs);
            }
        }
    }
}
