namespace FastKube.NodeAgent.Status;

/// <summary>Why the pod worker has not (re)started a container: CrashLoopBackOff, ErrImageNeverPull, ErrImagePull, CreateContainerError, ...</summary>
internal sealed record ContainerWaiting(string Reason, string Message);
