using System.Net;

namespace FastKube.Balancer.Configuration;

/// <summary>Everything the balancer serves; <see cref="L4Balancer.Apply"/> turns it into an immutable snapshot.</summary>
/// <param name="TransparentListen">The one listener for frontends with a <see cref="FrontendConfig.VirtualAddress"/>: nf_tables redirects their traffic here and the original destination picks the frontend. Null: none.</param>
public sealed record BalancerConfig(IReadOnlyList<FrontendConfig> Frontends, IPEndPoint? TransparentListen = null);
