namespace DeviceAuth.Cli;

/// <summary>File reading and writing with errors the user can act on.</summary>
internal static class FileInput
{
    /// <summary>Reads a text file; a missing or unreadable file is an <see cref="ExitCodes.InvalidInput"/> error naming <paramref name="what"/>.</summary>
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw CliException.Invalid($"{what} file not found: {path}");
        }
        catch (DirectoryNotFoundException)
        {
            throw CliException.Invalid($"{what} file not found: {path}");
        }
        catch (UnauthorizedAccessException)
        {
            throw CliException.Env($"cannot read {what} file (permission denied): {path}");
        }
        catch (IOException e)
        {
            throw CliException.Env($"cannot read {what} file {path}: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>; refuses to replace an existing file unless
    /// <paramref name="force"/>. With <paramref name="privateFile"/> the file is created with mode 600
    /// (owner read/write only) from the start on Unix, so it is never readable by others. Missing
    /// folders are created (see <see cref="CreateFolders"/>).
    /// </summary>
    public static void WriteText(string path, string text, bool force, bool privateFile)
    {
        CreateFolders(path, privateFile);
        if (File.Exists(path) || Directory.Exists(path))
        {
            if (!force)
            {
                throw CliException.Env($"{path} already exists; use --force to overwrite it");
            }

            if (Directory.Exists(path))
            {
                throw CliException.Env($"{path} is a directory");
            }

            File.Delete(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = privateFile
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(text);
        }
        catch (DirectoryNotFoundException)
        {
            throw CliException.Env($"cannot write {path}: the directory does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            throw CliException.Env($"cannot write {path}: permission denied");
        }
        catch (IOException e)
        {
            throw CliException.Env($"cannot write {path}: {e.Message}");
        }

        if (privateFile && !OperatingSystem.IsWindows())
        {
            // UnixCreateMode is filtered by the umask, which can only remove bits; make it exact.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Creates the missing folders above <paramref name="path"/>. On Unix, folders created for a private
    /// file get mode 700 (only the owner may list or enter them: they hold a private key); others get
    /// the usual mode (777 less the umask). Existing folders are left as they are.
    /// </summary>
    public static void CreateFolders(string path, bool privateFile)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder))
        {
            return;
        }

        try
        {
            if (privateFile && !OperatingSystem.IsWindows())
            {
                CreatePrivateFolders(folder);
            }
            else
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw CliException.Env($"cannot create the folder {folder} for {path}: permission denied");
        }
        catch (IOException e)
        {
            throw CliException.Env($"cannot create the folder {folder} for {path}: {e.Message}");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreatePrivateFolders(string folder)
    {
        string parent = Path.GetDirectoryName(folder);
        if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
        {
            CreatePrivateFolders(parent);
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(folder, OwnerOnly);

        // The mode given at creation is filtered by the umask, which can only remove bits; make it exact.
        File.SetUnixFileMode(folder, OwnerOnly);
    }
}
