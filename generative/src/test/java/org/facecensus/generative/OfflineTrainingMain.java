package org.facecensus.generative;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Run by {@link OfflineTrainingTest} in a child JVM inside a network namespace without network: first shows that the
 * network is really gone (a connection to a public address fails), then trains one epoch. Prints {@code OFFLINE-OK}
 * and the loss when training worked.
 */
public final class OfflineTrainingMain {
    private OfflineTrainingMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("1.1.1.1", 443), 2000);
            System.out.println("NETWORK-REACHABLE");
            System.exit(3);
        } catch (java.io.IOException expected) {
            System.out.println("no network: " + expected.getMessage());
        }
        TrainingReport r = FaceModelTraining.builder().dataset(Path.of(args[0])).out(Path.of(args[1]))
                .kind(ModelKind.VAE).latent(2).size(32).epochs(1).batch(16).grid(3).samples(4).threads(1).build().run();
        System.out.println("OFFLINE-OK loss " + r.epochLoss().get(0));
    }
}
