package com.example.host;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A host application in a package of its own that only adds the Atrium dependency: no scanning of Atrium's packages. */
@SpringBootApplication
public class MinimalHost {
}
