using System.Runtime.InteropServices;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// Keeps the native heap of a long-running endpoint from ratcheting up on Linux. Every TLS
/// connection allocates in OpenSSL through glibc's malloc, which gives each thread-pool thread its
/// own arena (up to 8 per core) and keeps each arena's high-water mark mapped: resident memory then
/// grows with the number of threads that ever handled a handshake, though nothing leaks. Capping
/// the arenas (as MALLOC_ARENA_MAX=2 would) bounds it. No-op elsewhere (Windows, macOS, musl).
/// </summary>
internal static class NativeHeap
{
    private const int MallocArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h
    private static int _limited;

    /// <summary>Limits glibc's malloc to <paramref name="arenas"/> arenas for the rest of the process's life; safe to call more than once.</summary>
    public static void LimitArenas(int arenas)
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _limited, 1) == 1)
        {
            return;
        }

        try
        {
            MallOpt(MallocArenaMax, arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl, which has no per-thread arenas): nothing to limit.
        }
    }

    /// <summary>Returns the free pages of every arena to the system (glibc's malloc_trim); no-op elsewhere.</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);
}
