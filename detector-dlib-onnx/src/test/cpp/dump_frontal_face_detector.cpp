// Test aid, not part of the build: writes the bytes dlib decodes from
// dlib/image_processing/frontal_face_detector.h (base64 + compress_stream::kernel_1ea), and checks
// that they deserialise and re-serialise to the same bytes. Its output's sha256 is pinned in
// DlibDecompressorTest.
//   g++ -O2 -o /tmp/dump_ffd dump_frontal_face_detector.cpp $(pkg-config --cflags --libs dlib-1)
//   /tmp/dump_ffd /tmp/frontal_face_detector.dat && sha256sum /tmp/frontal_face_detector.dat
#include <dlib/image_processing/frontal_face_detector.h>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 2) { std::cerr << "usage: dump_ffd OUT\n"; return 2; }
    const std::string raw = dlib::get_serialized_frontal_faces();
    std::ofstream(argv[1], std::ios::binary).write(raw.data(), raw.size());
    std::istringstream in(raw);
    dlib::frontal_face_detector det;
    dlib::deserialize(det, in);
    std::ostringstream again;
    dlib::serialize(det, again);
    std::cout << "bytes " << raw.size() << " filters " << det.num_detectors()
              << " reserialised_equal " << (again.str() == raw) << std::endl;
    return again.str() == raw ? 0 : 1;
}
