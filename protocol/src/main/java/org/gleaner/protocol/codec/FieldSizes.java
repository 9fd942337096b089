package org.gleaner.protocol.codec;

/** Field limits shared by the wire records. Every variable-length field has one. */
public final class FieldSizes {
    public static final int KEY = 32;
    public static final int HASH = 32;
    public static final int NONCE = 16;
    public static final int ID = 64;
    public static final int URL = 4096;
    public static final int HOST = 253;
    public static final int HEADER_NAME = 256;
    public static final int HEADER_VALUE = 8192;
    public static final int MAX_HEADERS = 64;
    public static final int SIGNAL = 2048;
    public static final int CONTENT_TYPE = 256;
    public static final int MAX_URLS_PER_BATCH = 1000;
    /** Largest body a page record may carry; a node's configured cap is usually far lower. */
    public static final int MAX_BODY = 16 * 1024 * 1024;

    private FieldSizes() {
    }
}
