namespace DeviceAuth.Credentials
{
    /// <summary>Where <see cref="AwsIotHttpAuthorization"/> puts the custom-authorizer values.</summary>
    public enum AwsIotHttpPlacement
    {
        /// <summary>Headers <c>x-amz-customauthorizer-name</c>, <c>x-amz-customauthorizer-signature</c>, <c>&lt;tokenKeyName&gt;</c>.</summary>
        Headers = 0,

        /// <summary>The same names as query parameters (percent-encoded once).</summary>
        QueryString = 1,
    }
}
