package org.gleaner.node.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than {@code cap} bytes are read: the compressed side of the body cap. */
final class CappedInputStream extends FilterInputStream {
    private final long cap;
    private long read;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws OverCapException {
        read += n;
        if (read > cap) {
            throw new OverCapException(cap);
        }
    }

    static final class OverCapException extends IOException {
        private static final long serialVersionUID = 1L;

        OverCapException(long cap) {
            super("raw body over " + cap + " bytes");
        }
    }
}
