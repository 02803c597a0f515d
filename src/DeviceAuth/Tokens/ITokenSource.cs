namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Where a session gets its credentials. A source never hands out an expired token: it reuses
    /// its current token while enough validity is left and otherwise mints (or fetches) a new one.
    /// Sources take their clock (and randomness) as constructor parameters.
    /// </summary>
    public interface ITokenSource
    {
        /// <summary>
        /// Returns a token valid for at least <paramref name="minValiditySeconds"/> more seconds,
        /// minting or fetching a new one when the current one would not be.
        /// </summary>
        /// <param name="minValiditySeconds">Required remaining validity in seconds (0 = merely not expired).</param>
        /// <returns>A token that is not expired.</returns>
        AuthToken GetToken(int minValiditySeconds);

        /// <summary>
        /// Discards the current token and produces a new one now (after the service refused the
        /// current one, or ahead of need so that the next connect does not wait for signing).
        /// </summary>
        /// <returns>The new token.</returns>
        AuthToken Renew();
    }
}
