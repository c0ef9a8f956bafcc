/// textgate's release version: the one string `--version`, SARIF reports and the service show.
public enum TextgateVersion {
    /// The version, like `0.1.0`.
    public static let current = "0.1.0"
    /// Where textgate's source and documentation live.
    public static let repository = "https://github.com/textgate/textgate"
}
