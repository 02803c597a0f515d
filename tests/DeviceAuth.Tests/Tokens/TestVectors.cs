namespace DeviceAuth.Tests.Tokens
{
    /// <summary>
    /// Test data embedded as constants (the emulator has no file access): the shared
    /// vectors/rsa/rsa2048.pkcs1.pem key, and expected values produced outside this library:
    /// signatures with <c>echo -n TOKEN | openssl dgst -sha256 -sign rsa2048.pkcs1.pem | openssl base64 -A</c>,
    /// MACs with Python's hmac module (key = bytes 0..31).
    /// </summary>
    public static class TestVectors
    {
        public const string Rsa2048Pkcs1Pem =
            "-----BEGIN RSA PRIVATE KEY-----\n" +
            "MIIEogIBAAKCAQEArr54E5PaxdA95oHu9dUxYfpggJqDdN6GlX0t9Z9nmLh2nTUi\n" +
            "CDKD/dFjswk7etykMVk3+7AxZ3TDJylngcA7imWkERdOOtjWVG+oimKlg1SqdEei\n" +
            "8k0Rw6RbZ8lx8/08gM/ss6rFPKb7Uj/ALNgfRbStmA8tW52iGZ35anGqgSgf/IWN\n" +
            "ZI5FfFCwA0XutAoeEafgEECktKkFoIt9X6eeF2WVMEJ7Op2MU6t5t8YaTAWGK+ZR\n" +
            "ZXRKQACEJqEOU52q0uj6NuVi7c0GWgy/oDV2Ff7WuJkuGvLMfRIRefklNvvRV3JK\n" +
            "jfquSi4m6RkXj8yOYzOSBXyGHFclErBQb/MDxwIDAQABAoIBAAaQhTZHEarovcqR\n" +
            "CwcVMTu7CjEKnPGhAnFPOJDHoj6sf1g8jMC+FRNN8G7jY+ajr09jSKUd4109l686\n" +
            "8PaA4Du8wcMamwe+6Z5Wa4B3YDxky9p+bnKnzokI/Z4ShUNjOgikxwGg4rP6mepn\n" +
            "FrMYk2Qs+3CA8XVFoLdRpfMHvh4H8dTmwHoX0eaAWymylhp3h/H4phDnClIBwkez\n" +
            "9oFIBUjxN5ywXClnah9zhybkkQML7Im1BbdQPHnfIqltb56r0N/4m8ah17Hiw9Z+\n" +
            "zuDRtc5cTd289Jl5qlhV4co/7HAyAt+GjZNOMQ4UdrmAQtV17WNSG5aZHzEujUNJ\n" +
            "H5PQJMECgYEA8PLhA+2jGnG3R7eqVMbmGfzx+c392h0q11S9un8jnznAVMSdl6l7\n" +
            "CFYA+Mquz0b832LBcZJi3NA94yZE4y6KSnJ9p5ztJEZy8wzu5tbMcquN24eyMnNQ\n" +
            "LxBnom1B7Uf6frdstdkpZS+zYxuPpet6HfO2Xrf9KbIfZvND4W/SAHECgYEAuajh\n" +
            "U4PIBf2t0o7OKA/ofwmgeb/2V7A7ZUD26nfbR8KO8TJ1LWrp/9h6MaY0oB2vEEKj\n" +
            "lSGuqvtXrnXZC1DOYXBHKeuHtC4QEewjvCB8FKtQTsl10S+dOgTennN6bB6U3Sze\n" +
            "/l1/hPfM02dTVtgGcfgsAEdkjktCGC/P9Qm5Y7cCgYBFFP3ayHlpDY2E7G3TnKtA\n" +
            "bDtcaekMbixoTI2ROP6XmlFAfJbKcvcpbq8cpc/08d9ylLftvhDGSpZT2BcMI73W\n" +
            "lnjcY6vCKMiwUtb0LEW14uXrOT6oJFOrCsML2NN8GpUBW8m5YafysPh3w+EtqxP6\n" +
            "HnP9ODdHiyBhvgGKUyscoQKBgDTSfblbJw+9SzU6+CCh1g4+2O+K1DXCqEN4pkez\n" +
            "bioOisjJCFmxr33hQ3LYzOQ5TdOcghouCRoQhLPYR7ZWeUFzxmuA3Y1ABcZznv8p\n" +
            "ZuQikai43NJ1b5BQTl5akJwuX0BGQfOw+lUEg7wqC6YLtFm8uBgkN9HcS6PCBrK6\n" +
            "34olAoGAdVEkBEeZr11cL/SD06NSUunXm1drOD94v2DyQqcNj0ZUX+usAaqQ+45d\n" +
            "wbAH75L9qdh3o1oMrsFVDwfcoBrCAG66KtL3IlnOEfMu6+n5CNp6mk0/uqbbgida\n" +
            "kFDU7zFhiwgzb3zqssYu9wMwLbzvS/RYzLHVJhWFBYbkkZAbka4=\n" +
            "-----END RSA PRIVATE KEY-----\n";

        /// <summary>The device-signed token minted at 1748736000 with 3600 s lifetime and nonce bytes 0..11.</summary>
        public const string DeviceSignedToken = "ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL";

        /// <summary>openssl's signature of <see cref="DeviceSignedToken"/> with the 2048-bit key.</summary>
        public const string DeviceSignedTokenSignature = "N8RSUrjqngxRUS8a7Vmw0CfZmIMhgHPrxw94g6hkmo41twWjZ65byQg0dWV8XloyHxXcgDmm2gkOL6Z68FEWsX7ZGtNoAs5ngIk3dOVNH512fcic3vv99AhY1XI38/WwypG5mR33EqBRv3MBAAfXD9FhmaGPB03X4hEuv73PrAa1PbJJIw5dRXdZb24w57iKOfKvbDT1FmIi2KYMJTTFoBP9ERxdxcz62FSN0NaZwUv4qpiW94a23e6bHpa7WnmSmwYjpPRTSnWXa38fCDCTb1ueDdKOZ5jeHwnvK2Klhm74twsHSOaWWDvYja+xVK7Apkl4PxGQ7KWIGxtynYHSfw==";

        /// <summary>header.payload of the JWT minted by JwtTokenSourceTests' options at 1748736000 (jti = bytes 0..15).</summary>
        public const string JwtSigningInput = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiZGV2aWNlLTEiLCJhdWQiOiJhcGkiLCJpYXQiOjE3NDg3MzYwMDAsIm5iZiI6MTc0ODczNjAwMCwiZXhwIjoxNzQ4NzM5NjAwLCJqdGkiOiJBQUVDQXdRRkJnY0lDUW9MREEwT0R3Iiwic2NvcGUiOiJ0ZWxlbWV0cnk6d3JpdGUifQ";

        /// <summary>openssl's signature of <see cref="JwtSigningInput"/> with the 2048-bit key (standard Base64).</summary>
        public const string JwtSignature = "cd2S7/99Tf4tWUcTekgX1RnP+g5y5XFeOyeZqyTDcOwzHMogd1DfxI4LdCjeQttgxgzhnl2mci93OqRsxvUZg2qHFmPwWVkggylVY/Hn28GnS4LhB1KgXqM/odHkfJNHFG8raXbnSxKCreAkATkC4rhn4LjWWlPiYY4A99DYT8wIzC1cINqCySHUh4Mcjz9LBbgIY5IbEwAHD4hhrjFFCwAZCwAHLbeEen5o8cS52NljdUMJIWFMIVZEeRLzjOJA19fPglRrhFOZJFONl2k7a/CCiwYQSwSP+CW4I4h+k7d4zUKhRP6f5suUs+6ll3iZahcpB24cLGQC1dqC+O/01w==";

        /// <summary>The HMAC token minted at 1748736000 with 900 s lifetime, nonce bytes 0..11, key bytes 0..31.</summary>
        public const string HmacTokenKey0To31 = "hm1.device-1.1748736000.1748736900.AAECAwQFBgcICQoL.FnofNWiV4ghbAKNqZwYdiDMCzflXhvaEMDtuFCFtdTc";

        public static byte[] Key0To31()
        {
            byte[] key = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                key[i] = (byte)i;
            }

            return key;
        }
    }
}
