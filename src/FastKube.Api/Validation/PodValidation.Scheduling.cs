using FastKube.Api.Core;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    private const string NotPositiveErrorMsg = "must be greater than zero";
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] TolerationOperators = ["Equal", "Exists"];
    private static readonly string[] ScheduleActions = ["DoNotSchedule", "ScheduleAnyway"];
    private static readonly string[] InclusionPolicies = ["Honor", "Ignore"];

    public static void ValidateTolerations(List<Toleration>? tolerations, FieldPath path, FieldErrorList errs)
    {
        if (tolerations is null)
        {
            return;
        }

        for (var i = 0; i < tolerations.Count; i++)
        {
            var t = tolerations[i];
            var p = path.Index(i);
            var key = t.Key ?? "";
            var op = t.Operator ?? "";
            if (key.Length > 0)
            {
                Checks.QualifiedName(key, p.Child("key"), errs);
            }

            if (key.Length == 0 && op != "Exists")
            {
                errs.Invalid(p.Child("operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }

            if (t.TolerationSeconds is not null && t.Effect != "NoExecute")
            {
                errs.Invalid(p.Child("effect"), t.Effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }

            switch (op)
            {
                case "Equal" or "":
                    var msgs = NameRules.IsValidLabelValue(t.Value ?? "");
                    if (msgs.Count > 0)
                    {
                        errs.Invalid(p.Child("operator"), t.Value ?? "", string.Join(";", msgs));
                    }

                    break;
                case "Exists":
                    if (!string.IsNullOrEmpty(t.Value))
                    {
                        errs.Invalid(p.Child("operator"), t.Value, "value must be empty when `operator` is 'Exists'");
                    }

                    break;
                default:
                    errs.NotSupported(p.Child("operator"), op, TolerationOperators);
                    break;
            }

            if (!string.IsNullOrEmpty(t.Effect) && Array.IndexOf(TaintEffects, t.Effect) < 0)
            {
                errs.NotSupported(p.Child("effect"), t.Effect, TaintEffects);
            }
        }
    }

    /// <summary>Node taints: key and value rules, a required effect, unique (key, effect) pairs.</summary>
    public static void ValidateTaints(List<Taint>? taints, FieldPath path, FieldErrorList errs)
    {
        if (taints is null)
        {
            return;
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < taints.Count; i++)
        {
            var t = taints[i];
            var p = path.Index(i);
            Checks.QualifiedName(t.Key ?? "", p.Child("key"), errs);
            var msgs = NameRules.IsValidLabelValue(t.Value ?? "");
            if (msgs.Count > 0)
            {
                errs.Invalid(p.Child("value"), t.Value ?? "", string.Join(";", msgs));
            }

            if (string.IsNullOrEmpty(t.Effect))
            {
                errs.Required(p.Child("effect"));
            }

            if (Array.IndexOf(TaintEffects, t.Effect ?? "") < 0)
            {
                errs.NotSupported(p.Child("effect"), t.Effect ?? "", TaintEffects);
            }

            if (!seen.Add((t.Key ?? "", t.Effect ?? "")))
            {
                errs.Add(FieldError.Duplicate(p, t.Key + ":" + t.Effect, "taints must be unique by key and effect pair"));
            }
        }
    }

    private static void ValidateAffinity(Affinity? affinity, FieldPath path, FieldErrorList errs)
    {
        if (affinity is null)
        {
            return;
        }

        if (affinity.NodeAffinity is { } node)
        {
            var np = path.Child("nodeAffinity");
            if (node.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
            {
                ValidateNodeSelector(required, np.Child("requiredDuringSchedulingIgnoredDuringExecution"), errs);
            }

            if (node.PreferredDuringSchedulingIgnoredDuringExecution is { } preferred)
            {
                var pp = np.Child("preferredDuringSchedulingIgnoredDuringExecution");
                for (var i = 0; i < preferred.Count; i++)
                {
                    Weight(preferred[i].Weight, pp.Index(i).Child("weight"), errs);
                    ValidateNodeSelectorTerm(preferred[i].Preference, pp.Index(i).Child("preference"), errs);
                }
            }
        }

        if (affinity.PodAffinity is { } podAffinity)
        {
            PodAffinityTerms(podAffinity.RequiredDuringSchedulingIgnoredDuringExecution, podAffinity.PreferredDuringSchedulingIgnoredDuringExecution, path.Child("podAffinity"), errs);
        }

        if (affinity.PodAntiAffinity is { } anti)
        {
            PodAffinityTerms(anti.RequiredDuringSchedulingIgnoredDuringExecution, anti.PreferredDuringSchedulingIgnoredDuringExecution, path.Child("podAntiAffinity"), errs);
        }
    }

    private static void Weight(int? weight, FieldPath path, FieldErrorList errs)
    {
        if (weight is not (>= 1 and <= 100))
        {
            errs.Invalid(path, weight ?? 0, "must be in the range 1-100");
        }
    }

    private static void ValidateNodeSelector(NodeSelector selector, FieldPath path, FieldErrorList errs)
    {
        var termsPath = path.Child("nodeSelectorTerms");
        if (selector.NodeSelectorTerms is null || selector.NodeSelectorTerms.Count == 0)
        {
            errs.Required(termsPath, "must have at least one node selector term");
            return;
        }

        for (var i = 0; i < selector.NodeSelectorTerms.Count; i++)
        {
            ValidateNodeSelectorTerm(selector.NodeSelectorTerms[i], termsPath.Index(i), errs);
        }
    }

    private static void ValidateNodeSelectorTerm(NodeSelectorTerm? term, FieldPath path, FieldErrorList errs)
    {
        if (term is null)
        {
            return;
        }

        if (term.MatchExpressions is { } expressions)
        {
            for (var j = 0; j < expressions.Count; j++)
            {
                var req = expressions[j];
                var p = path.Child("matchExpressions").Index(j);
                var count = req.Values?.Count ?? 0;
                switch (req.Operator)
                {
                    case "In" or "NotIn":
                        if (count == 0)
                        {
                            errs.Required(p.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                        }

                        break;
                    case "Exists" or "DoesNotExist":
                        if (count > 0)
                        {
                            errs.Forbidden(p.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                        }

                        break;
                    case "Gt" or "Lt":
                        if (count != 1)
                        {
                            errs.Required(p.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                        }

                        break;
                    default:
                        errs.Invalid(p.Child("operator"), req.Operator ?? "", "not a valid selector operator");
                        break;
                }

                Checks.QualifiedName(req.Key ?? "", p.Child("key"), errs);
                for (var v = 0; v < count; v++)
                {
                    var value = req.Values![v] ?? "";
                    errs.InvalidEach(p.Child("values").Index(v), value, NameRules.IsValidLabelValue(value));
                }
            }
        }

        if (term.MatchFields is { } fields)
        {
            for (var j = 0; j < fields.Count; j++)
            {
                var req = fields[j];
                var p = path.Child("matchFields").Index(j);
                if (req.Operator is "In" or "NotIn")
                {
                    if (req.Values?.Count != 1)
                    {
                        errs.Required(p.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
                    }
                }
                else
                {
                    errs.Invalid(p.Child("operator"), req.Operator ?? "", "not a valid selector operator");
                }

                if (req.Key != "metadata.name")
                {
                    errs.Invalid(p.Child("key"), req.Key ?? "", "not a valid field selector key");
                }
                else if (req.Values is not null)
                {
                    for (var v = 0; v < req.Values.Count; v++)
                    {
                        Checks.Dns1123Subdomain(req.Values[v] ?? "", p.Child("values").Index(v), errs);
                    }
                }
            }
        }
    }

    private static void PodAffinityTerms(List<PodAffinityTerm>? required, List<WeightedPodAffinityTerm>? preferred, FieldPath path, FieldErrorList errs)
    {
        if (required is not null)
        {
            var rp = path.Child("requiredDuringSchedulingIgnoredDuringExecution");
            for (var i = 0; i < required.Count; i++)
            {
                ValidatePodAffinityTerm(required[i], rp.Index(i), errs);
            }
        }

        if (preferred is not null)
        {
            var pp = path.Child("preferredDuringSchedulingIgnoredDuringExecution");
            for (var i = 0; i < preferred.Count; i++)
            {
                Weight(preferred[i].Weight, pp.Index(i).Child("weight"), errs);
                ValidatePodAffinityTerm(preferred[i].PodAffinityTerm ?? new PodAffinityTerm(), pp.Index(i).Child("podAffinityTerm"), errs);
            }
        }
    }

    private static void ValidatePodAffinityTerm(PodAffinityTerm term, FieldPath path, FieldErrorList errs)
    {
        MetaValidation.ValidateLabelSelector(term.LabelSelector, path.Child("labelSelector"), errs);
        MetaValidation.ValidateLabelSelector(term.NamespaceSelector, path.Child("namespaceSelector"), errs);
        if (term.Namespaces is not null)
        {
            foreach (var ns in term.Namespaces)
            {
                errs.InvalidEach(path.Child("namespace"), ns ?? "", NameRules.IsDNS1123Label(ns ?? ""));
            }
        }

        if (string.IsNullOrEmpty(term.TopologyKey))
        {
            errs.Required(path.Child("topologyKey"), "can not be empty");
        }

        Checks.QualifiedName(term.TopologyKey ?? "", path.Child("topologyKey"), errs);
    }

    private static void ValidateTopologySpreadConstraints(List<TopologySpreadConstraint>? constraints, FieldPath path, FieldErrorList errs)
    {
        if (constraints is null)
        {
            return;
        }

        for (var i = 0; i < constraints.Count; i++)
        {
            var c = constraints[i];
            var p = path.Index(i);
            if (c.MaxSkew is not > 0)
            {
                errs.Invalid(p.Child("maxSkew"), c.MaxSkew ?? 0, NotPositiveErrorMsg);
            }

            if (string.IsNullOrEmpty(c.TopologyKey))
            {
                errs.Required(p.Child("topologyKey"), "can not be empty");
            }

            if (Array.IndexOf(ScheduleActions, c.WhenUnsatisfiable ?? "") < 0)
            {
                errs.NotSupported(p.Child("whenUnsatisfiable"), c.WhenUnsatisfiable ?? "", ScheduleActions);
            }

            for (var j = i + 1; j < constraints.Count; j++)
            {
                if (constraints[j].TopologyKey == c.TopologyKey && constraints[j].WhenUnsatisfiable == c.WhenUnsatisfiable)
                {
                    errs.Duplicate(p.Child("{topologyKey, whenUnsatisfiable}"), "{" + c.TopologyKey + ", " + c.WhenUnsatisfiable + "}");
                    break;
                }
            }

            if (c.MinDomains is { } minDomains)
            {
                if (minDomains <= 0)
                {
                    errs.Invalid(p.Child("minDomains"), minDomains, NotPositiveErrorMsg);
                }

                if (c.WhenUnsatisfiable != "DoNotSchedule")
                {
                    errs.Invalid(p.Child("minDomains"), minDomains, "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + c.WhenUnsatisfiable);
                }
            }

            if (c.NodeAffinityPolicy is { } affinityPolicy && Array.IndexOf(InclusionPolicies, affinityPolicy) < 0)
            {
                errs.NotSupported(p.Child("nodeAffinityPolicy"), affinityPolicy, InclusionPolicies);
            }

            if (c.NodeTaintsPolicy is { } taintsPolicy && Array.IndexOf(InclusionPolicies, taintsPolicy) < 0)
            {
                errs.NotSupported(p.Child("nodeTaintsPolicy"), taintsPolicy, InclusionPolicies);
            }

            MetaValidation.ValidateLabelSelector(c.LabelSelector, p.Child("labelSelector"), errs);
        }
    }
}
