using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>The shared RSA vectors (../shared/vectors/rsa) read from disk.</summary>
    public static class CryptoVectorFiles
    {
        /// <summary>The vectors folder (skips the test, or fails it under CI=true, when absent).</summary>
        public static string Folder => RepoPaths.SharedOrSkip(Path.Combine("vectors", "rsa"));

        /// <summary>The text of one vector file.</summary>
        public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

        /// <summary>One entry of token-signatures.json.</summary>
        public sealed record TokenVector(string Key, string Token, string TokenSignature);

        /// <summary>All entries of token-signatures.json, in file order.</summary>
        public static IReadOnlyList<TokenVector> TokenSignatures()
        {
            using JsonDocument doc = JsonDocument.Parse(Read("token-signatures.json"));
            var list = new List<TokenVector>();
            foreach (JsonElement v in doc.RootElement.GetProperty("vectors").EnumerateArray())
            {
                list.Add(new TokenVector(v.GetProperty("key").GetString(), v.GetProperty("token").GetString(), v.GetProperty("tokenSignature").GetString()));
            }

            return list;
        }
    }
}
