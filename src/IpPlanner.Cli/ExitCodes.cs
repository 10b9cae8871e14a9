namespace IpPlanner.Cli;

/// <summary>The process exit codes, named.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found nothing to fail on.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but found problems: a scenario that does not validate, a finding at --fail-on severity, or pods the node verb left without an IP.</summary>
    public const int Findings = 1;

    /// <summary>Bad input: a flag, a file or a name the tool cannot use. Nothing was written.</summary>
    public const int InputError = 2;

    /// <summary>Standard output could not be written (a full disk, a closed pipe): sysexits' EX_IOERR.</summary>
    public const int OutputError = 74;

    /// <summary>A bug in IpPlanner: an unexpected exception.</summary>
    public const int InternalError = 70;
}
