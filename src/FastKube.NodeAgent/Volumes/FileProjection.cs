namespace FastKube.NodeAgent.Volumes;

/// <summary>One file of a configMap, secret, downwardAPI or projected volume: its bytes and its mode (0–0777).</summary>
internal sealed record FileProjection(byte[] Data, int Mode);
