namespace DeviceAuth.Tests.Crypto
{
    /// <summary>
    /// Copies of the shared test vectors (../shared/vectors/rsa) for the nanoFramework tests, which
    /// cannot read files on the device. A host test (EmbeddedVectorsMatchFilesTests) checks that
    /// every constant here equals its file, so the copies cannot drift.
    /// </summary>
    public static class CryptoVectors
    {
        /// <summary>Contents of rsa2048.pkcs1.pem.</summary>
        public const string Rsa2048Pkcs1Pem =
            "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEogIBAAKCAQEArr54E5PaxdA95oHu9dUxYfpggJqDdN6GlX0t9Z9nmLh2nTUi\n"
            + "CDKD/dFjswk7etykMVk3+7AxZ3TDJylngcA7imWkERdOOtjWVG+oimKlg1SqdEei\n"
            + "8k0Rw6RbZ8lx8/08gM/ss6rFPKb7Uj/ALNgfRbStmA8tW52iGZ35anGqgSgf/IWN\n"
            + "ZI5FfFCwA0XutAoeEafgEECktKkFoIt9X6eeF2WVMEJ7Op2MU6t5t8YaTAWGK+ZR\n"
            + "ZXRKQACEJqEOU52q0uj6NuVi7c0GWgy/oDV2Ff7WuJkuGvLMfRIRefklNvvRV3JK\n"
            + "jfquSi4m6RkXj8yOYzOSBXyGHFclErBQb/MDxwIDAQABAoIBAAaQhTZHEarovcqR\n"
            + "CwcVMTu7CjEKnPGhAnFPOJDHoj6sf1g8jMC+FRNN8G7jY+ajr09jSKUd4109l686\n"
            + "8PaA4Du8wcMamwe+6Z5Wa4B3YDxky9p+bnKnzokI/Z4ShUNjOgikxwGg4rP6mepn\n"
            + "FrMYk2Qs+3CA8XVFoLdRpfMHvh4H8dTmwHoX0eaAWymylhp3h/H4phDnClIBwkez\n"
            + "9oFIBUjxN5ywXClnah9zhybkkQML7Im1BbdQPHnfIqltb56r0N/4m8ah17Hiw9Z+\n"
            + "zuDRtc5cTd289Jl5qlhV4co/7HAyAt+GjZNOMQ4UdrmAQtV17WNSG5aZHzEujUNJ\n"
            + "H5PQJMECgYEA8PLhA+2jGnG3R7eqVMbmGfzx+c392h0q11S9un8jnznAVMSdl6l7\n"
            + "CFYA+Mquz0b832LBcZJi3NA94yZE4y6KSnJ9p5ztJEZy8wzu5tbMcquN24eyMnNQ\n"
            + "LxBnom1B7Uf6frdstdkpZS+zYxuPpet6HfO2Xrf9KbIfZvND4W/SAHECgYEAuajh\n"
            + "U4PIBf2t0o7OKA/ofwmgeb/2V7A7ZUD26nfbR8KO8TJ1LWrp/9h6MaY0oB2vEEKj\n"
            + "lSGuqvtXrnXZC1DOYXBHKeuHtC4QEewjvCB8FKtQTsl10S+dOgTennN6bB6U3Sze\n"
            + "/l1/hPfM02dTVtgGcfgsAEdkjktCGC/P9Qm5Y7cCgYBFFP3ayHlpDY2E7G3TnKtA\n"
            + "bDtcaekMbixoTI2ROP6XmlFAfJbKcvcpbq8cpc/08d9ylLftvhDGSpZT2BcMI73W\n"
            + "lnjcY6vCKMiwUtb0LEW14uXrOT6oJFOrCsML2NN8GpUBW8m5YafysPh3w+EtqxP6\n"
            + "HnP9ODdHiyBhvgGKUyscoQKBgDTSfblbJw+9SzU6+CCh1g4+2O+K1DXCqEN4pkez\n"
            + "bioOisjJCFmxr33hQ3LYzOQ5TdOcghouCRoQhLPYR7ZWeUFzxmuA3Y1ABcZznv8p\n"
            + "ZuQikai43NJ1b5BQTl5akJwuX0BGQfOw+lUEg7wqC6YLtFm8uBgkN9HcS6PCBrK6\n"
            + "34olAoGAdVEkBEeZr11cL/SD06NSUunXm1drOD94v2DyQqcNj0ZUX+usAaqQ+45d\n"
            + "wbAH75L9qdh3o1oMrsFVDwfcoBrCAG66KtL3IlnOEfMu6+n5CNp6mk0/uqbbgida\n"
            + "kFDU7zFhiwgzb3zqssYu9wMwLbzvS/RYzLHVJhWFBYbkkZAbka4=\n"
            + "-----END RSA PRIVATE KEY-----\n";

        /// <summary>Contents of rsa2048.pkcs8.pem.</summary>
        public const string Rsa2048Pkcs8Pem =
            "-----BEGIN PRIVATE KEY-----\n"
            + "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCuvngTk9rF0D3m\n"
            + "ge711TFh+mCAmoN03oaVfS31n2eYuHadNSIIMoP90WOzCTt63KQxWTf7sDFndMMn\n"
            + "KWeBwDuKZaQRF0462NZUb6iKYqWDVKp0R6LyTRHDpFtnyXHz/TyAz+yzqsU8pvtS\n"
            + "P8As2B9FtK2YDy1bnaIZnflqcaqBKB/8hY1kjkV8ULADRe60Ch4Rp+AQQKS0qQWg\n"
            + "i31fp54XZZUwQns6nYxTq3m3xhpMBYYr5lFldEpAAIQmoQ5TnarS6Po25WLtzQZa\n"
            + "DL+gNXYV/ta4mS4a8sx9EhF5+SU2+9FXckqN+q5KLibpGRePzI5jM5IFfIYcVyUS\n"
            + "sFBv8wPHAgMBAAECggEABpCFNkcRqui9ypELBxUxO7sKMQqc8aECcU84kMeiPqx/\n"
            + "WDyMwL4VE03wbuNj5qOvT2NIpR3jXT2Xrzrw9oDgO7zBwxqbB77pnlZrgHdgPGTL\n"
            + "2n5ucqfOiQj9nhKFQ2M6CKTHAaDis/qZ6mcWsxiTZCz7cIDxdUWgt1Gl8we+Hgfx\n"
            + "1ObAehfR5oBbKbKWGneH8fimEOcKUgHCR7P2gUgFSPE3nLBcKWdqH3OHJuSRAwvs\n"
            + "ibUFt1A8ed8iqW1vnqvQ3/ibxqHXseLD1n7O4NG1zlxN3bz0mXmqWFXhyj/scDIC\n"
            + "34aNk04xDhR2uYBC1XXtY1IblpkfMS6NQ0kfk9AkwQKBgQDw8uED7aMacbdHt6pU\n"
            + "xuYZ/PH5zf3aHSrXVL26fyOfOcBUxJ2XqXsIVgD4yq7PRvzfYsFxkmLc0D3jJkTj\n"
            + "LopKcn2nnO0kRnLzDO7m1sxyq43bh7Iyc1AvEGeibUHtR/p+t2y12SllL7NjG4+l\n"
            + "63od87Zet/0psh9m80Phb9IAcQKBgQC5qOFTg8gF/a3Sjs4oD+h/CaB5v/ZXsDtl\n"
            + "QPbqd9tHwo7xMnUtaun/2HoxpjSgHa8QQqOVIa6q+1euddkLUM5hcEcp64e0LhAR\n"
            + "7CO8IHwUq1BOyXXRL506BN6ec3psHpTdLN7+XX+E98zTZ1NW2AZx+CwAR2SOS0IY\n"
            + "L8/1CbljtwKBgEUU/drIeWkNjYTsbdOcq0BsO1xp6QxuLGhMjZE4/peaUUB8lspy\n"
            + "9ylurxylz/Tx33KUt+2+EMZKllPYFwwjvdaWeNxjq8IoyLBS1vQsRbXi5es5Pqgk\n"
            + "U6sKwwvY03walQFbyblhp/Kw+HfD4S2rE/oec/04N0eLIGG+AYpTKxyhAoGANNJ9\n"
            + "uVsnD71LNTr4IKHWDj7Y74rUNcKoQ3imR7NuKg6KyMkIWbGvfeFDctjM5DlN05yC\n"
            + "Gi4JGhCEs9hHtlZ5QXPGa4DdjUAFxnOe/ylm5CKRqLjc0nVvkFBOXlqQnC5fQEZB\n"
            + "87D6VQSDvCoLpgu0Wby4GCQ30dxLo8IGsrrfiiUCgYB1USQER5mvXVwv9IPTo1JS\n"
            + "6debV2s4P3i/YPJCpw2PRlRf66wBqpD7jl3BsAfvkv2p2HejWgyuwVUPB9ygGsIA\n"
            + "broq0vciWc4R8y7r6fkI2nqaTT+6ptuCJ1qQUNTvMWGLCDNvfOqyxi73AzAtvO9L\n"
            + "9FjMsdUmFYUFhuSRkBuRrg==\n"
            + "-----END PRIVATE KEY-----\n";

        /// <summary>Contents of rsa2048.pub.pem.</summary>
        public const string Rsa2048PublicPem =
            "-----BEGIN PUBLIC KEY-----\n"
            + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArr54E5PaxdA95oHu9dUx\n"
            + "YfpggJqDdN6GlX0t9Z9nmLh2nTUiCDKD/dFjswk7etykMVk3+7AxZ3TDJylngcA7\n"
            + "imWkERdOOtjWVG+oimKlg1SqdEei8k0Rw6RbZ8lx8/08gM/ss6rFPKb7Uj/ALNgf\n"
            + "RbStmA8tW52iGZ35anGqgSgf/IWNZI5FfFCwA0XutAoeEafgEECktKkFoIt9X6ee\n"
            + "F2WVMEJ7Op2MU6t5t8YaTAWGK+ZRZXRKQACEJqEOU52q0uj6NuVi7c0GWgy/oDV2\n"
            + "Ff7WuJkuGvLMfRIRefklNvvRV3JKjfquSi4m6RkXj8yOYzOSBXyGHFclErBQb/MD\n"
            + "xwIDAQAB\n"
            + "-----END PUBLIC KEY-----\n";

        /// <summary>Contents of rsa2048-encrypted.pkcs8.pem.</summary>
        public const string Rsa2048EncryptedPkcs8Pem =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + "MIIFLTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIZ3/wVo2XPQwCAggA\n"
            + "MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBCtI0ZHyuQ4SLrF+QMJAeM7BIIE\n"
            + "0DkwgfPWbv5CEiZZWieCykemF5q4Rap5vHqBe1omHQvLKZhYGO5DZs4uOP30FedZ\n"
            + "Ii/NEX5lt34Bw0IrRvKX0lOUmBl/Z8a3d1Jfw6UrXNqILWa1Riku4+YNBL+/g43y\n"
            + "UtpHxOhbFt60t81wXQVUy9J6v8XgVGu7h0keaUF0Dt9c9tDjQ4Q9aed5bz7X65Gf\n"
            + "NzbAXnNvn8buvjrIyYW8unOkRMLSX86OyG6ONpC1HNcQoj8E8NUtOywEFp8QZlum\n"
            + "xLTNnABUYspLw7fUbNx9CybJl+UIGE3hqlNBIjRqdlDqu5r9La4Fv9QaVGE2b7cS\n"
            + "KIBiqvfCciQzmoRdy/WGNEEZril1lXqX0hGbsCGC8FPV65KEPuizR6+/RjWntJ7D\n"
            + "4Afn7JcYO+3XMxfT+arAztgXFEQfWQeG+PdFIoiymkiaJadM80m+dqCoZOpxjOpH\n"
            + "XZZPCmrP9dijBqASaUaHR7Sa9N68rxtiaaqce6kDCsIOxw2hEaZJuE/elL1wIzCc\n"
            + "JLiUJlu/wDcKMMMeQTScCuuz3Z+mt6pTh16GW9/rky53VvhQBqQOd+YgPHkioRlH\n"
            + "8VqhxATQCeEDPpK0e+JWQ2tMDB6Fk/bysLMCvLxuluY84DvvKlM+nKHiFVfc5ykQ\n"
            + "xND2wQKlCYjbrn4kZt8Va02qUavrodt6TCgHY8PeYbiQGk9iI9UFUagyRKFCGyGx\n"
            + "dFglgpt4oTNvCvc3oNrTTbmrvU92HsoS/JoeXROvGCmbbTvWj4p3oCSzMULv+anu\n"
            + "oWUKBdhiLoRzpwwChDBXC5mFoh+cZU4Tfkd3h9udY5/TNzaeD9uudByirO2tOPh4\n"
            + "xtzkVaxm794thoeR9gtvuGMvPpGePaaz6pemrqSn0iM058nO2OCwGSdz0+WidU7p\n"
            + "HhBLFKAilSyTQOBEbC0CwkLPDWkMSyOu5Eh2oZV0ddLg1tK+eeDHZoL2gxwbEYyP\n"
            + "/z9jr/fpQ6+lwuRGcdRSdjCavTMtpWnBf51q1chYEOOLO5DtFS3+NMbQJ70EUJ3H\n"
            + "iiVoR5lXdKAgs5uvNBPkzVIeNWcXVJyX0x2xWgNYplAf6Fy2v0jBoDruj1vBYEto\n"
            + "/i51Lm5mX9MzRdhc+SJHXKSfbAgmG34n/4DcBlSZVBi0y29HhluzLpzEPy+9pqZD\n"
            + "Q+7VOOMFeRXGU47wrjx6liUlhzcvnmaxw6cggBX2onfpFFkwFgOSRXZ8vxqhq7nA\n"
            + "tDG4wu4cJkt+nuDs2OZAFmU1bLDmQKtW/XByBfs3A8bs0uOxVoWtgvbM1ouzVugj\n"
            + "wRKOOpI3ZVicQf9eQm/ffa7i0SLlOOWveGd0v9D7WAzDME5dunftO2TvW4Z3MgRc\n"
            + "3WOxte9V1x8rq5CeLZ6WmPbhrZovW7Mf8r58dYEcsPkHNnWHU6t4ZpfkhLFwMFCN\n"
            + "/yEviLnYg8s097OHsnAcCWI3PBMmM6XT+NtGMiLtL1NIykC/lk7eXtcfkLxSm6jk\n"
            + "5glaF3X4pGiDcDnHBiN5SUEcv0dfQgSemFpm5j/1tDtyPjawXZg0nSmUD97kfGw0\n"
            + "zT1DPxyFDXrzhzLeDoX0YgI2CWh1uSHr25CYjItf2R/kLaCG7Ecue0PB3JoTJCFS\n"
            + "fjg+GNRJgze+s+BhhBhzT+guarnrxUZmmVco/mnnXgBQ\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n";

        /// <summary>Contents of rsa1024-too-small.pkcs1.pem.</summary>
        public const string Rsa1024Pkcs1Pem =
            "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIICXQIBAAKBgQDOqgfLzfDMjlYjBA7psFNG1kyM7ym8Koa2AlFUE9EwV2JC9QZz\n"
            + "idy+ql3TgT+/k5TiU4O3S4R5xVQVtU0uQZ6ypqQr0fBIxfTGQIrMZi5evQ0g9C44\n"
            + "5k7UtnxWkgPCfp3ndNGM2CBuUJszQYWmh3LQYQqBwXjzEN4aVD17eE5A1wIDAQAB\n"
            + "AoGBAKYB5ylLUHbAj2ipReFqBjsMwYkkRH4mGvfxfKrxEESorQHkGT6OK4ftCllv\n"
            + "pWmafyoes9t1CgFXBWg6rrjNdU/R4uWGrcFfo0zYI2r9XnQAGcz/rhsG4QoV9gwk\n"
            + "HQ9ENSTCNdfBBE0hLXnhBeYEyfIkEaiUeeKunk+ovW1FCaKBAkEA+P1vb8nDMzzl\n"
            + "R+6OHqVXLrH4oF1MDQVzz8m9usF2TNDjRUNSFIcf9OO4vJrX4vWJ3OiyxgeD7dBv\n"
            + "gjWbmPpF8QJBANR7iYKjSGk+ncnn/cZU/Yaz8qddQQKe3N6u2iXvIF1F0wkCeydd\n"
            + "Z55TOwl/xU/vKy1XQgHojwPtIijRUq6bi0cCQEULGeSYwS0rHLUmnHg5BwTmyvfF\n"
            + "BzqxIV0kJx1rWh+Q6QSi11bj5WOl5es+0NCZn8IHMNOi7915KAKmVOBFvjECQQCq\n"
            + "mnYSWh/twMTYNFjiQaM94IXYM1vbSsp0UVf+VT1bJpEHDuLq/GgSCym/usMmJxY3\n"
            + "1XO+LIeH04I127vTTjhJAkAZgoCvLVqIuVTXA+9eIE5x6e7xwNgzN071+RB/h35d\n"
            + "2hhbjYECA1J8z9BzVEcMYJjldB/xpip+pCzUweq1Rq29\n"
            + "-----END RSA PRIVATE KEY-----\n";

        /// <summary>Contents of ec-p256.sec1.pem.</summary>
        public const string EcP256Sec1Pem =
            "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIKWuqMFDt1YOlV0B7LepzM43gIdtFs4QFMXpxcXfzh1aoAoGCCqGSM49\n"
            + "AwEHoUQDQgAEbNO0WToASMCkJ2hI8F79xgUTiMDsOT1HqZurpoKoec7/FLTR2QLn\n"
            + "+GSFeffhnD3dpdjQ+zx1INHrL9g4TL2Ffw==\n"
            + "-----END EC PRIVATE KEY-----\n";

        /// <summary>Contents of ec-p256.pkcs8.pem.</summary>
        public const string EcP256Pkcs8Pem =
            "-----BEGIN PRIVATE KEY-----\n"
            + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpa6owUO3Vg6VXQHs\n"
            + "t6nMzjeAh20WzhAUxenFxd/OHVqhRANCAARs07RZOgBIwKQnaEjwXv3GBROIwOw5\n"
            + "PUepm6umgqh5zv8UtNHZAuf4ZIV59+GcPd2l2ND7PHUg0esv2DhMvYV/\n"
            + "-----END PRIVATE KEY-----\n";

        /// <summary>The key file of <see cref="Rsa2048Tokens"/> in token-signatures.json.</summary>
        public const string Rsa2048KeyFile = "rsa2048.pkcs1.pem";

        /// <summary>Length of the one long token of the vectors (that many 'x' characters; built by <see cref="Rsa2048Token"/>).</summary>
        public const int LongTokenLength = 6144;

        /// <summary>Number of rsa2048 vectors in token-signatures.json, in file order.</summary>
        public const int Rsa2048VectorCount = 5;

        /// <summary>
        /// The tokens of the rsa2048 vectors, in file order; the empty string marks the long token (see
        /// <see cref="Rsa2048Token"/>). Not null: on the device a null inside a string[] initializer does
        /// not compare equal to null.
        /// </summary>
        public static readonly string[] Rsa2048Tokens = new string[]
        {
            "allow",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZXZpY2UtMDAxIiwiZXhwIjoxNzk1MDAwMDAwfQ",
            "t\u00f6k\u00e9n-\u2713 with spaces+plus/slash=",
            "",
            "device-42:1795000000:nonce-9f3a",
        };

        /// <summary>The tokenSignature values of the rsa2048 vectors, in file order.</summary>
        public static readonly string[] Rsa2048Signatures = new string[]
        {
            "XGAEBolsGp2rbLQoaR8pdVuvDUNqTSPfpFArwaysMiFGyEnKxwk4MZ4S4pERYsX4EaQnzmp1dvx+hpnsJdTnbXNs9Jqd/tSK3pRB6ESSqeFCWSu2WYBs+S4QBHRjNzwodzXjhlrqd3uyv306mMVPq3a/AJfDTlL7cuMc96qvdXT0P36CqwWGFfNgRhQsT26J3JMVMcp9J1cXLZ0vJZRtNXaMdLZElXQr+hfy1qrrAUqUWQaUxRhSCoswyiRwAaZ2H5yQ1ocCo5Q8tZs7lZVAkbYTOP356XFEwaLlUM/WS+6NkoRSrbrXsRRjWLtM1DagMsP05Xl2g+iMRblikkSe2A==",
            "R+YXj0eEjjjUBbH9X1nCID2v0ol0OyPDhHuA+AprpPbwxBRYD7q2eTnGcFnTpnl0SkvJcUIK3ms6HiNnUu4eQ9uavJ460cNKyVlSrwrxreonuuarnlsSe473gjBfdD/+hZIrf7dD849m+sq0B7lNOg7MxwMCZPO6HpbHtfjnR8SzW4C+1z2BzY7wHyVGwM8JCuKZz4uwjWQEpayrItUB4udoeABeB7jZdAeIoSj8iq+hrauI5K4Bt4axWzi3tsgIHB2WSgwWRexeyyRpy76/1W8DHHUQpJaenF6YZnRX9pC+rPesiT//uhT5nJLhu1Jm4iyFBZQCK8QKh/2FaaCbAg==",
            "Qndlri/xllWU/tb1Mtxw88PO7Nl2Z9UPYbAEjq+vUymM1flBYi4mTGMOcKBIXqWSvb0U+x4n+DpMYol6wHwMCeedfu2+bpJgsy/S9EVWGqfMT7jomS6gZdv3J5aH2gDMZ0dR/91pF8KMYMbpsXpOiDYHRo9d9K7s2vc1i1F708/zEuFOvDc37hPvMFCfNtVUmAa8l6fP1v1NputMT9dD1DmYVGABhVmoYqieVX+Xb2A0t23x2nsI49Eim1CNjMsMw7CuHtgMgfoNibxLXYID7lTg0eoZJPmjQZ4N/Hjbz83cSVWwy0O4+3bc7634O5Vg4g2BrgJaPb6UOQAHr4U5SA==",
            "TLgQlLpHv2W/t96f+srlL9oKhHtFfmlIatWc51dkYJRqkgFsJzvwbE0EabaawB01yeSfjmOdmgxBDDHWGHkci+nuo8CKqSMax6ueV81uSty/OMdXQ/GoZiSd8FUWnrnuQpzowftdJcMn28DPId5pG/rLRtaDJclkrRBMyVC6FCms25Pf9pLmsOWuyZ+y3jjEyvw9LY0xGuydd8K3bvLRpFvOM7KY0KqhzgabA38uS5yhHCmlv/En9xZYX23pFclxXdpoJusZPmr/doY3nrX8cLJMc6E9r0knsPpw012xxxMqyP2DN87Qfrok9rNL15Rv/1zq6UCiJzR49WtOYDqWbw==",
            "J3IDlykcS0KmP/mts4UyneobSAnX6eVhvFY1GoWeA2brq/qvqQlrkUBp+8c8wP6qEokfil1lqZZmJY0Dkxsg9cIJbeMQg6A/F918DlV962EG1fBoxVwtjdcYvFHpBU68wHmS+WamEla+38iErxTbI/Otqas54IIUaGEMyfIS0stCZ/fI9DTXK7j0pOvJApJm8bFCYWmCSsMfzYQMWX3o1wWqoZ0YhKCTORJ5RARo//r0V8jAppCWovgb5ZKTKKvpeaLNS27qmJT2m/2ReqGuIZZRYt4673/BqJmBo+akSejb3KEbmFOgHD/BsNbPS4Dfun9q5ZCOKX8DXeQBzfnBUg==",
        };

        /// <summary>The token of rsa2048 vector <paramref name="index"/>.</summary>
        /// <param name="index">The vector index.</param>
        /// <returns>The token.</returns>
        public static string Rsa2048Token(int index)
        {
            string token = Rsa2048Tokens[index];
            if (token.Length > 0)
            {
                return token;
            }

            return new string('x', LongTokenLength);
        }
    }
}
