/// The workbench's version, written into every result row, manifest and `--version`.
public enum FinbenchVersion {
    public static let string = "0.2.0"
}
