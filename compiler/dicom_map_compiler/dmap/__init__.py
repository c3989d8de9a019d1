"""The ``.dmap`` v1 writer (DEVELOPMENT.md, "The .dmap format"): ``layout`` holds the constants,
``strings`` the interned string pool, ``writer`` turns a merge result into bytes."""
