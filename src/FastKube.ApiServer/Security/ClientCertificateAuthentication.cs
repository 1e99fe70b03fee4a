using System.Security.Cryptography.X509Certificates;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Security;

/// <summary>The authenticated caller: user name and groups.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups);

/// <summary>
/// x509 client-certificate authentication as kube-apiserver does it: TLS asks for a certificate but
/// accepts the handshake without one; here a request whose certificate is absent or does not chain
/// to the cluster CA gets 401 Unauthorized. CN is the user name and each O a group.
/// Health endpoints stay anonymous, as upstream's default RBAC allows them to everyone.
/// </summary>
internal sealed class ClientCertificateAuthentication(RequestDelegate next, X509Certificate2 ca)
{
    private static readonly HashSet<string> AnonymousPaths = new(StringComparer.Ordinal) { "/healthz", "/livez", "/readyz" };

    // The client certificate is fixed for the life of a TLS connection, so the chain is built once per
    // connection (an X509Chain build costs far more than serving a small request) and the verdict kept.
    private static readonly object VerdictKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AnonymousPaths.Contains(context.Request.Path.Value ?? ""))
        {
            if (Authenticate(context) is not { } user)
            {
                await StatusResponses.WriteAsync(context, StatusResponses.Failure(StatusCodes.Status401Unauthorized, StatusReasons.Unauthorized, "Unauthorized"))
                    .ConfigureAwait(false);
                return;
            }

            context.Features.Set(user);
        }

        await next(context).ConfigureAwait(false);
    }

    private UserInfo? Authenticate(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(VerdictKey, out var cached))
        {
            return cached as UserInfo;
        }

        var certificate = context.Connection.ClientCertificate;
        var user = certificate is not null && CertificateTrust.Verify(certificate, ca, CertificateTrust.ClientAuth) ? UserOf(certificate) : null;
        if (items is not null)
        {
            items[VerdictKey] = user;
        }

        return user;
    }

    public static UserInfo UserOf(X509Certificate2 certificate)
    {
        var groups = new List<string>();
        string name = "";
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.3": // commonName
                    name = rdn.GetSingleElementValue() ?? "";
                    break;
                case "2.5.4.10": // organizationName
                    groups.Add(rdn.GetSingleElementValue() ?? "");
                    break;
            }
        }

        return new UserInfo(name, groups);
    }
}
