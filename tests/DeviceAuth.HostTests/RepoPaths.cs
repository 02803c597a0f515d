using System;
using System.IO;
using Xunit;

namespace DeviceAuth.HostTests
{
    /// <summary>
    /// Locates the repository root (the folder holding DeviceAuth.Host.slnx) and the shared folder
    /// beside it (../shared: API lists, vectors, seeds). Tests that need shared data call
    /// <see cref="SharedOrSkip"/>: skipped with a reason when it is absent, failed when CI=true.
    /// </summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> RootLazy = new(() =>
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null)
            {
                if (File.Exists(Path.Combine(dir, "DeviceAuth.Host.slnx")))
                {
                    return dir;
                }

                dir = Path.GetDirectoryName(dir);
            }

            throw new InvalidOperationException("Cannot find the repository root (DeviceAuth.Host.slnx) above " + AppContext.BaseDirectory);
        });

        /// <summary>The repository root.</summary>
        public static string Root => RootLazy.Value;

        /// <summary>True when running in CI (CI=true), where nothing may be skipped for lack of a tool or data.</summary>
        public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>A path under the repository root.</summary>
        public static string InRepo(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

        /// <summary>../shared/&lt;sub&gt; when it exists, else null.</summary>
        public static string Shared(string sub)
        {
            string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", sub));
            return Directory.Exists(path) || File.Exists(path) ? path : null;
        }

        /// <summary>../shared/&lt;sub&gt;; skips the test (fails it under CI=true) when it is missing.</summary>
        public static string SharedOrSkip(string sub)
        {
            string path = Shared(sub);
            if (path == null)
            {
                SkipOrFail("../shared/" + sub + " is not present beside the repository");
            }

            return path;
        }

        /// <summary>Skips with <paramref name="reason"/>, or fails when CI=true.</summary>
        public static void SkipOrFail(string reason)
        {
            if (IsCi)
            {
                Assert.Fail("Required in CI: " + reason);
            }

            Assert.Skip(reason);
        }
    }
}
