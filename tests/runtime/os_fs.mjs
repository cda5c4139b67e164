// quickjs:os, the file-system half: descriptors, paths, stat, links,
// terminals; every failure is an Error carrying errno (and the path).
import * as os from "quickjs:os";
import * as std from "quickjs:std";

const ENOENT = std.Error.ENOENT, EEXIST = std.Error.EEXIST, EBADF = std.Error.EBADF;

function makeTempDir() {
    const base = std.getenv("TMPDIR") || "/tmp";
    const dir = base + "/weft-os-fs-" + os.getpid() + "-" + Math.floor(Math.random() * 1e9);
    os.mkdir(dir, 0o700);
    return dir;
}

function removeTree(path) {
    const st = os.lstat(path);
    if ((st.mode & os.S_IFMT) === os.S_IFDIR) {
        for (const name of os.readdir(path))
            if (name !== "." && name !== "..")
                removeTree(path + "/" + name);
    }
    os.remove(path);
}

// fn must throw an Error with this errno (and path, when given)
function assertErrno(fn, errno, path, msgPart) {
    const e = assertThrows(Error, fn);
    assertEq(e.constructor, Error, "a plain Error");
    assertEq(e.errno, errno, "errno of " + e.message);
    if (path !== undefined)
        assertEq(e.path, path);
    if (msgPart !== undefined)
        assert(e.message.includes(msgPart), e.message);
    return e;
}

const dir = makeTempDir();
// ASCII text to bytes and back
const enc = { encode: (s) => Uint8Array.from(s, (c) => c.charCodeAt(0)) };
const dec = { decode: (b) => String.fromCharCode(...b) };

test("open/write/seek/read/close round trip", () => {
    const f = dir + "/a.txt";
    const fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644);
    assert(fd >= 3);
    const bytes = enc.encode("hello, world");
    assertEq(os.write(fd, bytes.buffer, 0, bytes.length), 12);
    os.close(fd);
    const rfd = os.open(f, os.O_RDONLY);
    const buf = new Uint8Array(32);
    assertEq(os.seek(rfd, 7, os.SEEK_SET), 7);
    assertEq(os.read(rfd, buf.buffer, 0, 32), 5);
    assertEq(dec.decode(buf.subarray(0, 5)), "world");
    assertEq(os.seek(rfd, 0n, os.SEEK_SET), 0n, "a BigInt offset gives a BigInt");
    // a typed array: positions are relative to the view
    const view = new Uint8Array(buf.buffer, 10, 8);
    assertEq(os.read(rfd, view, 2, 5), 5);
    assertEq(dec.decode(buf.subarray(12, 17)), "hello");
    assertEq(os.seek(rfd, 0, os.SEEK_END), 12);
    assertEq(os.read(rfd, buf.buffer, 0, 4), 0, "0 at the end");
    os.close(rfd);
});

test("open errors carry errno and path", () => {
    const e = assertErrno(() => os.open(dir + "/missing/x", os.O_RDONLY), ENOENT,
                          dir + "/missing/x");
    assertEq(e.message, "open '" + dir + "/missing/x': No such file or directory");
    assertErrno(() => os.open(dir, os.O_RDONLY | os.O_CREAT | os.O_EXCL), EEXIST, dir);
    assertThrows(TypeError, () => os.open(42));
    assertThrows(TypeError, () => os.open("a\0b"));
});

test("read/write range checks and bad descriptors", () => {
    const buf = new ArrayBuffer(8);
    assertThrows(RangeError, () => os.read(0, buf, 4, 5));
    assertThrows(RangeError, () => os.write(1, buf, 9));
    assertThrows(TypeError, () => os.read(0, "not a buffer", 0, 1));
    assertErrno(() => os.write(987, buf, 0, 1), EBADF, undefined, "write");
    assertErrno(() => os.read(987, buf, 0, 1), EBADF);
    assertErrno(() => os.close(987), EBADF);
    assertErrno(() => os.seek(987, 0, os.SEEK_SET), EBADF);
});

test("remove, rename, stat, lstat", () => {
    const a = dir + "/r1", b = dir + "/r2";
    std.writeFile(a, "12345");
    os.rename(a, b);
    assertErrno(() => os.stat(a), ENOENT, a);
    const st = os.stat(b);
    assertEq(st.size, 5);
    assertEq(st.mode & os.S_IFMT, os.S_IFREG);
    for (const k of ["dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blocks",
                     "atime", "mtime", "ctime"])
        assertEq(typeof st[k], "number", k);
    assertEq(st.nlink, 1);
    assert(Math.abs(st.mtime - Date.now()) < 60000, "mtime in ms");
    const e = assertErrno(() => os.rename(a, b), ENOENT, a);
    assertEq(e.dest, b);
    os.remove(b);
    assertErrno(() => os.remove(b), ENOENT, b, "remove");
});

test("mkdir, readdir, remove of a directory", () => {
    const d = dir + "/sub";
    os.mkdir(d);
    assertErrno(() => os.mkdir(d), EEXIST, d, "mkdir");
    assertEq(os.stat(d).mode & os.S_IFMT, os.S_IFDIR);
    std.writeFile(d + "/x", "");
    std.writeFile(d + "/y", "");
    assertDeepEq(os.readdir(d).sort(), [".", "..", "x", "y"]);
    assertErrno(() => os.readdir(d + "/x"), std.Error.ENOTDIR, d + "/x");
    assertErrno(() => os.remove(d), std.Error.ENOTEMPTY, d);
    os.remove(d + "/x");
    os.remove(d + "/y");
    os.remove(d);
    assertErrno(() => os.readdir(d), ENOENT, d);
});

test("getcwd, chdir, realpath", () => {
    const cwd = os.getcwd();
    os.chdir(dir);
    try {
        assertEq(os.getcwd(), os.realpath(dir));
        std.writeFile("rel", "x");
        assertEq(os.realpath("./rel"), os.realpath(dir) + "/rel");
        assertEq(os.realpath("../" + dir.split("/").pop() + "/./rel"), os.realpath(dir) + "/rel");
        os.remove("rel");
        assertErrno(() => os.realpath("nope"), ENOENT, "nope");
    } finally {
        os.chdir(cwd);
    }
    assertEq(os.getcwd(), cwd);
    assertErrno(() => os.chdir(dir + "/nope"), ENOENT, dir + "/nope", "chdir");
});

test("symlink, readlink, lstat", () => {
    const t = dir + "/target", l = dir + "/link";
    std.writeFile(t, "abc");
    os.symlink("target", l);
    assertEq(os.readlink(l), "target");
    assertEq(os.lstat(l).mode & os.S_IFMT, os.S_IFLNK);
    assertEq(os.stat(l).mode & os.S_IFMT, os.S_IFREG);
    assertEq(os.stat(l).size, 3);
    assertErrno(() => os.symlink("target", l), EEXIST, "target");
    assertErrno(() => os.readlink(t), std.Error.EINVAL, t);
    os.remove(l);
    assertErrno(() => os.lstat(l), ENOENT, l, "lstat");
    os.remove(t);
});

test("utimes sets times in milliseconds", () => {
    const f = dir + "/times";
    std.writeFile(f, "");
    os.utimes(f, 1000000, 2000500);
    const st = os.stat(f);
    assertEq(st.atime, 1000000);
    assertEq(st.mtime, 2000500);
    assertErrno(() => os.utimes(dir + "/none", 0, 0), ENOENT, dir + "/none");
    os.remove(f);
});

test("access and chmod", () => {
    const f = dir + "/perm";
    std.writeFile(f, "");
    os.access(f);
    os.access(f, os.R_OK | os.W_OK);
    os.chmod(f, 0o600);
    assertEq(os.stat(f).mode & 0o777, 0o600);
    os.chmod(f, 0o755);
    assertEq(os.stat(f).mode & 0o777, 0o755);
    os.access(f, os.X_OK);
    assertErrno(() => os.access(dir + "/none"), ENOENT, dir + "/none", "access");
    assertErrno(() => os.chmod(dir + "/none", 0o644), ENOENT, dir + "/none");
    assertThrows(TypeError, () => os.chmod(f));
    os.remove(f);
});

test("pipe, dup, dup2", () => {
    const [r, w] = os.pipe();
    const w2 = os.dup(w);
    assert(w2 !== w);
    os.write(w2, enc.encode("via dup").buffer);
    os.close(w2);
    const buf = new Uint8Array(16);
    assertEq(os.read(r, buf, 0, 16), 7);
    assertEq(dec.decode(buf.subarray(0, 7)), "via dup");
    const fd = os.open(dir + "/d2", os.O_WRONLY | os.O_CREAT, 0o644);
    assertEq(os.dup2(fd, w), w);
    os.write(w, enc.encode("redirected").buffer);
    os.close(w);
    os.close(fd);
    os.close(r);
    assertEq(std.loadFile(dir + "/d2"), "redirected");
    assertErrno(() => os.dup(987), EBADF, undefined, "dup");
    assertErrno(() => os.dup2(987, 988), EBADF);
});

test("isatty, ttyGetWinSize, ttySetRaw on a non-terminal", () => {
    const [r, w] = os.pipe();
    assertEq(os.isatty(r), false);
    assertEq(os.ttyGetWinSize(r), null);
    assertErrno(() => os.ttySetRaw(r), std.Error.ENOTTY, undefined, "ttySetRaw");
    os.close(r);
    os.close(w);
    assertEq(os.isatty(987), false);
});

test("constants", () => {
    for (const k of ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_APPEND", "O_CREAT", "O_EXCL", "O_TRUNC",
                     "S_IFMT", "S_IFREG", "S_IFDIR", "S_IFLNK", "S_IFIFO", "SEEK_SET",
                     "SEEK_CUR", "SEEK_END", "F_OK", "R_OK", "W_OK", "X_OK"])
        assertEq(typeof os[k], "number", k);
    assertEq(os.O_RDONLY, 0);
    assertEq(os.S_IFDIR, 0o040000);
});

removeTree(dir);
test("the temp dir is gone", () => {
    assertErrno(() => os.stat(dir), ENOENT);
});
report();
